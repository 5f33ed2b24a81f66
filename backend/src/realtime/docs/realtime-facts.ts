import type { Config } from '../../config.ts';
import { EVENT_COST } from '../client-budgets.ts';
import { MAX_FRAME_BYTES, RECOVERY_WINDOW_MS } from '../socket-server.ts';

/**
 * The numbers the realtime docs quote, read from the running configuration, so the page says what
 * this server enforces rather than what the defaults were when it was written.
 */
export function realtimeFacts(config: Config) {
  const limits = config.rateLimits;
  return {
    path: '/socket.io/',
    corsOrigins: config.corsOrigins,
    maxFrameBytes: MAX_FRAME_BYTES,
    recoveryWindowSeconds: RECOVERY_WINDOW_MS / 1000,
    accessTtlSeconds: config.auth.accessTtlSeconds,
    authGraceSeconds: config.auth.socketGraceMs / 1000,
    eventCost: EVENT_COST,
    eventsPerConnectionPer10s: limits.socketEventsPer10s,
    pointsPerIpPer10s: limits.socketPointsPerIp.points,
    pointsPerUserPer10s: limits.socketPointsPerUser.points,
    handshakesPerIpPerMinute: limits.socketHandshakesPerIp.points,
    connectionsPerIp: limits.socketConnectionsPerIp,
    connectionsPerUser: limits.socketConnectionsPerUser,
    chat: limits.chat,
    gifts: config.economy.giftRate,
  };
}
export type RealtimeFacts = ReturnType<typeof realtimeFacts>;
