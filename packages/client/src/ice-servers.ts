import type { IceServer } from '@airwave/shared';
import { type AirwaveSocket, emitWithAck } from './socket.ts';

/** How long before its TURN credentials expire a kept answer stops being handed out. */
const REFRESH_LEAD_MS = 5 * 60_000;

export interface IceServerSource {
  /**
   * ICE servers for the next peer connection: the kept answer while its TURN credentials have a
   * while to live, otherwise a fresh `rtc-ice-servers` answer. Never rejects: when the server
   * refuses (not joined yet, rate limited, no answer) it gives what is still valid, or none.
   */
  get(): Promise<IceServer[]>;
  /** The streamer's P2P upload budget from the last answer (`P2P_UPLINK_KBPS`), once one arrived. */
  uplinkKbps(): number | undefined;
}

/**
 * The ICE servers of one stream's peer connections, web and mobile, viewer and streamer. The server
 * hands TURN credentials only to a socket that has joined the live stream, valid for `ttlSeconds`
 * (an hour at most), so they are asked for over that socket after the join and asked for again as
 * they near their expiry: a reconnect or a new peer connection late in a long session gets fresh ones.
 */
export function iceServerSource(
  socket: AirwaveSocket,
  streamId: string,
  now: () => number = Date.now,
): IceServerSource {
  let kept: { servers: IceServer[]; uplinkKbps: number; refreshAt: number; expiresAt: number } | undefined;
  let asking: Promise<IceServer[]> | undefined;

  async function ask(): Promise<IceServer[]> {
    const sentAt = now();
    const res = await emitWithAck(socket, 'rtc-ice-servers', { streamId });
    if (res.ok) {
      const ttlMs = res.ttlSeconds * 1000;
      // Counted from when we asked: the credential's clock started at the server before the answer arrived.
      kept = {
        servers: res.iceServers,
        uplinkKbps: res.p2pUplinkKbps,
        refreshAt: sentAt + ttlMs - Math.min(REFRESH_LEAD_MS, ttlMs / 2),
        expiresAt: sentAt + ttlMs,
      };
      return res.iceServers;
    }
    return kept && now() < kept.expiresAt ? kept.servers : [];
  }

  return {
    get() {
      if (kept && now() < kept.refreshAt) return Promise.resolve(kept.servers);
      // Peer connections opened at the same moment share one request.
      asking ??= ask().finally(() => {
        asking = undefined;
      });
      return asking;
    },
    uplinkKbps: () => kept?.uplinkKbps,
  };
}
