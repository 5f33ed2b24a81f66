import type { MediaModeName, RtcRequestResult, RtcSignalPayload, VideoQuality } from '@airwave/shared';
import { AppError } from '../core/app-error.ts';
import type { AirwaveSocket } from '../realtime/socket-handler.ts';
import type { StreamsService } from '../streams/streams.service.ts';

/**
 * How viewers get a stream's media. The P2P mesh relays signaling between the streamer and each
 * viewer; an SFU mode would instead answer from the media server. Chat and stream code never see
 * which one runs: they only call this.
 */
export interface MediaMode {
  /** `auto` holds both others and moves each stream from the mesh to the SFU as its audience grows. */
  readonly name: MediaModeName | 'auto';
  /** A viewer asks for media; resolves with the viewer's peer id and path, or throws STREAM_FULL. */
  request(socket: AirwaveSocket, streamId: string): Promise<RtcRequestResult>;
  /** Relays one signaling message, refusing any the sender has no right to send. */
  signal(socket: AirwaveSocket, payload: RtcSignalPayload): Promise<void>;
  /** A viewer pins a picture quality (or goes back to `auto`); a mode with one layer ignores it. */
  setQuality(socket: AirwaveSocket, streamId: string, quality: VideoQuality): Promise<void>;
  /** The viewer's media session ended (left the stream or disconnected, on this node). */
  viewerLeft(streamId: string, peerId: string): void;
  /** The stream ended (on this node): a mode that holds media-server state for it frees it. */
  streamEnded?(streamId: string): void;
}

/** The one rule both modes share for `rtc-request`: joined, live, and not the stream's own streamer. */
export async function assertMayWatch(socket: AirwaveSocket, streams: StreamsService, streamId: string) {
  if (!socket.data.joined.includes(streamId)) {
    throw new AppError('FORBIDDEN', 'Join the stream before asking for its video.');
  }
  const stream = await streams.loadCached(streamId);
  if (stream.status !== 'live') throw new AppError('STREAM_NOT_LIVE', 'This stream has ended.');
  if (socket.data.principal?.userId === stream.streamerId) {
    throw new AppError('FORBIDDEN', 'The streamer sends video; it does not ask for it.');
  }
}
