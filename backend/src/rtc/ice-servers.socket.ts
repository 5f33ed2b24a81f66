import type { EventHandlers } from '../realtime/socket-handler.ts';
import type { IceServers } from './ice-servers.ts';

/** `rtc-ice-servers`: the realtime path is where TURN credentials come from (see ice-servers.ts). */
export function iceServerEvents(iceServers: IceServers): EventHandlers {
  return { 'rtc-ice-servers': (socket, { streamId }) => iceServers.forSocket(socket, streamId) };
}
