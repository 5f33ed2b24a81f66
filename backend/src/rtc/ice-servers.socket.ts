import type { Logger } from '../logger.ts';
import { type AirwaveSocket, onEvent } from '../realtime/socket-handler.ts';
import type { IceServers } from './ice-servers.ts';

/** `rtc-ice-servers`: the realtime path is where TURN credentials come from (see ice-servers.ts). */
export function attachIceServers(iceServers: IceServers, logger: Logger) {
  return (socket: AirwaveSocket) => {
    onEvent(socket, logger, 'rtc-ice-servers', ({ streamId }) => iceServers.forSocket(socket, streamId));
  };
}
