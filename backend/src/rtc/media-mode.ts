import type { RtcSignalPayload } from '@airwave/shared';
import type { AirwaveSocket } from '../realtime/socket-handler.ts';

/**
 * How viewers get a stream's media. The P2P mesh relays signaling between the streamer and each
 * viewer; an SFU mode would instead answer from the media server. Chat and stream code never see
 * which one runs: they only call this.
 */
export interface MediaMode {
  readonly name: 'p2p' | 'sfu';
  /** A viewer asks for media; resolves with the viewer's peer id, or throws STREAM_FULL. */
  request(socket: AirwaveSocket, streamId: string): Promise<{ peerId: string }>;
  /** Relays one signaling message, refusing any the sender has no right to send. */
  signal(socket: AirwaveSocket, payload: RtcSignalPayload): Promise<void>;
  /** The viewer's media session ended (left the stream or disconnected, on this node). */
  viewerLeft(streamId: string, peerId: string): void;
}
