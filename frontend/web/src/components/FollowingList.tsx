'use client';
import { followsApi } from '@airwave/client';
import type { FollowedChannel } from '@airwave/shared';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { useAuth } from '../lib/auth-context.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { errorText } from './error-text.ts';

/** Home's Following tab: the viewer's channels, live ones first (the server orders them). */
export function FollowingList() {
  const { t } = useI18n();
  const { user, api } = useAuth();
  const [channels, setChannels] = useState<FollowedChannel[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!user) return;
    let live = true;
    followsApi(api)
      .following()
      .then(
        (list) => live && setChannels(list.channels),
        (err: unknown) => live && setError(errorText(err, t)),
      );
    return () => {
      live = false;
    };
  }, [api, user, t]);

  if (user === null) {
    return (
      <div className="empty card">
        <p>{t.follows.signInToSee}</p>
        <Link className="btn btn-primary" href="/login?next=%2F%3Ftab%3Dfollowing">
          {t.nav.login}
        </Link>
      </div>
    );
  }
  if (error) {
    return (
      <p className="alert alert-error" role="alert">
        {error}
      </p>
    );
  }
  if (!channels) return <p className="muted">{t.common.loading}</p>;
  if (channels.length === 0) return <p className="empty card">{t.follows.none}</p>;
  return (
    <section className="grid" aria-label={t.follows.tab}>
      {channels.map(({ streamer, live }) => (
        <Link
          key={streamer.id}
          href={live ? `/streams/${live.streamId}` : `/u/${streamer.id}`}
          className="stream-card"
          data-testid="followed-channel"
        >
          <div className="thumb">
            {streamer.avatarUrl ? (
              // biome-ignore lint/performance/noImgElement: avatars come from any host
              <img src={streamer.avatarUrl} alt="" loading="lazy" />
            ) : (
              <span className="avatar-fallback" aria-hidden="true">
                {streamer.nickname.slice(0, 1).toUpperCase()}
              </span>
            )}
            {live && <span className="badge-live">{t.common.live}</span>}
            {live && <span className="badge-viewers">{t.common.viewers(live.viewerCount)}</span>}
          </div>
          <div className="card-body">
            <div className="card-title">{streamer.nickname}</div>
            <div className="muted">{live ? live.title : t.follows.offline}</div>
          </div>
        </Link>
      ))}
    </section>
  );
}
