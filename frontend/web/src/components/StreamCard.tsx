import type { Stream } from '@airwave/shared';
import Link from 'next/link';
import type { Messages } from '../messages/en.ts';

/** A live stream in a list: the last still frame the broadcaster uploaded, or the streamer's initial. */
export function StreamCard({ stream, t }: { stream: Stream; t: Messages }) {
  return (
    <Link href={`/streams/${stream.id}`} className="stream-card" data-testid="stream-card">
      <div className="thumb">
        {stream.thumbnailUrl ? (
          // biome-ignore lint/performance/noImgElement: thumbnails are small API-served stills
          <img src={stream.thumbnailUrl} alt="" loading="lazy" />
        ) : stream.streamer.avatarUrl ? (
          // biome-ignore lint/performance/noImgElement: avatars come from any host
          <img src={stream.streamer.avatarUrl} alt="" loading="lazy" />
        ) : (
          <span className="avatar-fallback" aria-hidden="true">
            {stream.streamer.nickname.slice(0, 1).toUpperCase()}
          </span>
        )}
        {stream.status === 'live' && <span className="badge-live">{t.common.live}</span>}
        <span className="badge-viewers">{t.common.viewers(stream.viewerCount)}</span>
      </div>
      <div className="card-body">
        <div className="card-title">{stream.title}</div>
        <div className="muted">
          {stream.streamer.nickname} · {t.categories[stream.category]}
        </div>
      </div>
    </Link>
  );
}
