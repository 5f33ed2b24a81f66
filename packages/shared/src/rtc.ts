import { z } from 'zod';
import { plainText } from './text.ts';
import { Id } from './users.ts';

/** The streamer's peer id; a viewer's peer id is its viewer session (socket) id. */
export const STREAMER_PEER = 'streamer';

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
export const IceServersResponse = z.object({ iceServers: z.array(IceServer), ttlSeconds: z.number().int() });
export type IceServersResponse = z.infer<typeof IceServersResponse>;
