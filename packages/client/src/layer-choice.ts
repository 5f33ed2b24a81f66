import type { VideoQuality } from '@airwave/shared';

/** A pinned simulcast layer (what `rtc-quality` asks of the SFU), lowest first. */
export type Layer = Exclude<VideoQuality, 'auto'>;
const LAYERS: readonly Layer[] = ['low', 'medium', 'high'];

/** What a viewer's video receiver counted so far (cumulative, as getStats reports it). */
export interface VideoStats {
  framesDecoded: number;
  packetsReceived: number;
  packetsLost: number;
}

/** Sums the inbound video streams of a getStats report (browser and react-native-webrtc alike). */
export function videoStatsFrom(
  reports: Iterable<{ type: string; kind?: string } & Partial<VideoStats>>,
): VideoStats {
  const total: VideoStats = { framesDecoded: 0, packetsReceived: 0, packetsLost: 0 };
  for (const s of reports) {
    if (s.type !== 'inbound-rtp' || s.kind !== 'video') continue;
    total.framesDecoded += s.framesDecoded ?? 0;
    total.packetsReceived += s.packetsReceived ?? 0;
    total.packetsLost += s.packetsLost ?? 0;
  }
  return total;
}

/** Above this share of packets lost in one interval the picture steps down a layer. */
export const STEP_DOWN_LOSS = 0.08;
/** Below this share, for `CLEAN_INTERVALS_TO_STEP_UP` intervals in a row, it may step up again. */
export const STEP_UP_LOSS = 0.02;
export const CLEAN_INTERVALS_TO_STEP_UP = 3;

/** The layer a player of this height (device pixels) can show: more would be scaled away. */
export function layerForHeight(height: number): Layer {
  if (height <= 240) return 'low';
  if (height <= 480) return 'medium';
  return 'high';
}

/**
 * Auto quality, decided on the viewer's side from what it sees: the player's size caps the layer,
 * and the receive stats move it, down at once on heavy loss and up only after a few clean
 * intervals (a single good second after congestion is not a reason to ask for triple the rate).
 */
export function autoLayer() {
  let current: Layer = 'high';
  let clean = 0;
  let last: VideoStats | undefined;
  return {
    /** Takes the latest stats and the player's height; returns the layer to ask for now. */
    next(stats: VideoStats, viewHeight: number | null): Layer {
      const cap = viewHeight === null ? 'high' : layerForHeight(viewHeight);
      const previous = last;
      last = stats;
      // The first reading is the baseline: an interval needs two.
      if (!previous) return LAYERS[Math.min(LAYERS.indexOf(current), LAYERS.indexOf(cap))] ?? 'low';
      const received = stats.packetsReceived - previous.packetsReceived;
      const lost = Math.max(0, stats.packetsLost - previous.packetsLost);
      const loss = received + lost > 0 ? lost / (received + lost) : 0;
      const effective = Math.min(LAYERS.indexOf(current), LAYERS.indexOf(cap));
      if (loss > STEP_DOWN_LOSS) {
        // Down from the layer actually received, not from one the player's size was hiding.
        clean = 0;
        current = LAYERS[Math.max(0, effective - 1)] ?? 'low';
      } else if (loss < STEP_UP_LOSS && ++clean >= CLEAN_INTERVALS_TO_STEP_UP) {
        clean = 0;
        current = LAYERS[Math.min(LAYERS.length - 1, LAYERS.indexOf(current) + 1)] ?? 'high';
      }
      return LAYERS[Math.min(LAYERS.indexOf(current), LAYERS.indexOf(cap))] ?? 'low';
    },
  };
}
