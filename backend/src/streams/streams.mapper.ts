import type { Category, MediaModeName, Stream } from '@airwave/shared';
import type { StreamWithStreamer } from './streams.repository.ts';

export function toStream(s: StreamWithStreamer): Stream {
  return {
    id: s.id,
    streamer: s.streamer,
    title: s.title,
    description: s.description,
    category: s.category as Category,
    status: s.status,
    mediaMode: (s.webrtc.mode as MediaModeName | undefined) ?? 'p2p',
    viewerCount: s.viewerCount,
    peakViewers: s.peakViewers,
    chatMessagesCount: s.chatMessagesCount,
    giftsCount: s.giftsCount,
    beansEarned: s.beansEarned,
    // The version query makes a new frame bypass caches while the path stays stable.
    thumbnailUrl: s.thumbnailPath
      ? `/api/streams/${s.id}/thumbnail?v=${encodeURIComponent(s.thumbnailPath)}`
      : null,
    startedAt: s.startedAt.toISOString(),
    endedAt: s.endedAt?.toISOString() ?? null,
  };
}
