import { SFU_PEER, type VideoQuality } from '@airwave/shared';

/** One video encoding of a sender, as `RTCRtpEncodingParameters` takes it (bitrates in bits per second). */
export interface VideoEncoding {
  rid?: string;
  scaleResolutionDownBy?: number;
  maxBitrate: number;
}

/**
 * The three layers published to the SFU, highest first as Janus's own client sends them (so
 * VideoRoom substream 2 is 720p and 0 is 180p). From a 1280×720 camera: 720p, 360p, 180p.
 */
export const SIMULCAST_ENCODINGS: readonly Readonly<Required<VideoEncoding>>[] = [
  { rid: 'h', scaleResolutionDownBy: 1, maxBitrate: 1_500_000 },
  { rid: 'm', scaleResolutionDownBy: 2, maxBitrate: 500_000 },
  { rid: 'l', scaleResolutionDownBy: 4, maxBitrate: 150_000 },
];

/** Below this a 720p picture turns to mush; past `P2P_UPLINK_KBPS / floor` viewers the budget is exceeded rather than the picture lost. */
export const P2P_MIN_BITRATE = 150_000;
/** What a single viewer gets at most: a clean 720p at 30 fps, and no more of the uplink than that. */
export const P2P_MAX_BITRATE = 2_500_000;

/** The streamer's upload budget spread evenly over its P2P viewer connections, within the floor and ceiling. */
export function p2pMaxBitrate(budgetKbps: number, viewers: number): number {
  const share = Math.floor((budgetKbps * 1000) / Math.max(1, viewers));
  return Math.min(P2P_MAX_BITRATE, Math.max(P2P_MIN_BITRATE, share));
}

/** How many of the streamer's connections are P2P viewers (the SFU's publication is not one of them). */
export function p2pViewerCount(peerIds: Iterable<string>): number {
  let n = 0;
  for (const id of peerIds) if (id !== SFU_PEER) n++;
  return n;
}

/** The server's default `P2P_UPLINK_KBPS`, used until (or if never) its answer arrives. */
export const DEFAULT_P2P_UPLINK_KBPS = 4000;

/** How a new connection sends video: its encodings, and the codec to put first (null: the platform's choice). */
export interface VideoSendPlan {
  encodings: VideoEncoding[];
  codec: string | null;
}

/**
 * The SFU gets one VP8 simulcast publication it forwards to everyone (VideoRoom switches layers
 * per subscriber); a P2P viewer gets one layer capped at its share of the budget (`p2pViewers` counts it).
 */
export function videoSendPlan(peerId: string, p2pViewers: number, budgetKbps: number): VideoSendPlan {
  if (peerId === SFU_PEER)
    return { encodings: SIMULCAST_ENCODINGS.map((e) => ({ ...e })), codec: 'video/VP8' };
  return { encodings: [{ maxBitrate: p2pMaxBitrate(budgetKbps, p2pViewers) }], codec: null };
}

/** The cap each P2P viewer connection should carry now; the SFU publication keeps its layers' own. */
export function p2pCaps(peerIds: Iterable<string>, budgetKbps: number): Map<string, number> {
  const viewers = [...peerIds].filter((id) => id !== SFU_PEER);
  const bps = p2pMaxBitrate(budgetKbps, viewers.length);
  return new Map(viewers.map((id) => [id, bps]));
}

/**
 * The platform's codecs with `mimeType` first: VideoRoom forwards VP8 simulcast layers, and browsers
 * may otherwise pick a codec the room does not take. Unchanged when the platform does not list it.
 */
export function preferCodec<T extends { mimeType: string }>(codecs: readonly T[], mimeType: string): T[] {
  const want = mimeType.toLowerCase();
  const first = codecs.filter((c) => c.mimeType.toLowerCase() === want);
  return [...first, ...codecs.filter((c) => c.mimeType.toLowerCase() !== want)];
}

/** The player's quality menu, in order. */
export const QUALITY_CHOICES: readonly VideoQuality[] = ['auto', 'high', 'medium', 'low'];

/**
 * A sender's current encodings with each one's cap set to `maxBitrate`, for `setParameters`.
 * An empty list (a sender not negotiated yet, on some platforms) becomes one capped encoding.
 */
export function withMaxBitrate<T extends { maxBitrate?: number }>(
  encodings: readonly T[],
  maxBitrate: number,
): (T | { maxBitrate: number })[] {
  if (encodings.length === 0) return [{ maxBitrate }];
  return encodings.map((e) => ({ ...e, maxBitrate }));
}

const ICE_UFRAG = /^a=ice-ufrag:(\S+)/m;

/**
 * Whether an offer renegotiates the connection the viewer already has (same ICE credentials: Janus
 * updating a subscription) rather than starting a new one (the streamer's fresh connection, or a
 * new subscription). A renegotiation goes to the existing connection; anything else replaces it.
 */
export function isRenegotiation(currentRemoteSdp: string | null | undefined, offerSdp: string): boolean {
  const current = currentRemoteSdp ? ICE_UFRAG.exec(currentRemoteSdp)?.[1] : undefined;
  return current !== undefined && current === ICE_UFRAG.exec(offerSdp)?.[1];
}

/**
 * Keeps a streamer's P2P viewer connections at their share of the upload budget. `peers` is the
 * streamer's own map of open connections; call `spread()` whenever one opens or closes. Re-caps
 * run one at a time: a sender refuses `setParameters` while its previous one is still pending.
 */
export function uplinkBudget<T>(
  peers: ReadonlyMap<string, T>,
  cap: (peer: T, maxBitrate: number) => Promise<void>,
) {
  let budgetKbps = DEFAULT_P2P_UPLINK_KBPS;
  let queue = Promise.resolve();
  const spread = () => {
    queue = queue.then(async () => {
      for (const [id, bps] of p2pCaps(peers.keys(), budgetKbps)) {
        const peer = peers.get(id);
        // A connection closing meanwhile refuses; the next spread covers whoever is left.
        if (peer) await cap(peer, bps).catch(() => undefined);
      }
    });
    return queue;
  };
  return {
    spread,
    /** The server's `P2P_UPLINK_KBPS`, once its answer arrives. */
    setBudget(kbps: number) {
      budgetKbps = kbps;
      return spread();
    },
    /** How a connection just added to `peers` sends video. */
    plan: (peerId: string) => videoSendPlan(peerId, p2pViewerCount(peers.keys()), budgetKbps),
  };
}
