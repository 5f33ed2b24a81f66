import { z } from 'zod';
import { MediaModeName } from './streams.ts';
import { plainText } from './text.ts';
import { Id } from './users.ts';

/** The streamer's peer id; a viewer's peer id is its viewer session (socket) id. */
export const STREAMER_PEER = 'streamer';

/**
 * The media server, as a peer: the streamer gets `rtc-viewer-joined` with this peer id and publishes
 * to it once (with simulcast) instead of once per viewer; a viewer gets its subscription's offer from
 * this peer id and answers it. A viewer moving from the mesh to the SFU holds both connections for a
 * moment (make-before-break), so the two peers need different ids.
 */
export const SFU_PEER = 'sfu';

/** The answer to `rtc-request`: the viewer's peer id and the path its media takes. */
export const RtcRequestResult = z.object({ peerId: z.string(), mode: MediaModeName });
export type RtcRequestResult = z.infer<typeof RtcRequestResult>;

/**
 * The picture quality a viewer asks for: `auto` follows what its connection carries; the others pin
 * a simulcast layer (about 720p, 360p, 180p). In P2P mode there is one layer, so it is accepted and ignored.
 */
export const VideoQuality = z.enum(['auto', 'high', 'medium', 'low']);
export type VideoQuality = z.infer<typeof VideoQuality>;
export const RtcQualityPayload = z.object({ streamId: Id, quality: VideoQuality }).strict();
export type RtcQualityPayload = z.infer<typeof RtcQualityPayload>;

export const SessionDescription = z.object({
  type: z.enum(['offer', 'answer']),
  sdp: plainText().min(1).max(100_000),
});
export const IceCandidate = z.object({
  candidate: plainText().max(2000),
  sdpMid: plainText().max(64).nullable().optional(),
  sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
  usernameFragment: plainText().max(256).nullable().optional(),
});

export const RtcSignal = z.union([
  z.object({ description: SessionDescription }).strict(),
  z.object({ candidate: IceCandidate.nullable() }).strict(),
]);
export type RtcSignal = z.infer<typeof RtcSignal>;

/**
 * One relayed signaling message. From the streamer, `peerId` names the viewer it is for; from a
 * viewer, `peerId` must be the streamer: viewers can never signal each other.
 */
export const RtcSignalPayload = z
  .object({ streamId: Id, peerId: plainText().min(1).max(64), signal: RtcSignal })
  .strict();
export type RtcSignalPayload = z.infer<typeof RtcSignalPayload>;

export const IceServer = z.object({
  urls: z.array(z.string()),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof IceServer>;
/**
 * ICE servers for one peer connection. `ttlSeconds`: how long the TURN credentials in it stay valid
 * (from when the answer was sent); a client asks again before then for its next peer connection.
 */
export const IceServersResponse = z.object({
  iceServers: z.array(IceServer),
  ttlSeconds: z.number().int(),
  /** The streamer's total P2P video upload (kbit/s), spread over its viewer connections. */
  p2pUplinkKbps: z.number().int().positive(),
});
export type IceServersResponse = z.infer<typeof IceServersResponse>;
