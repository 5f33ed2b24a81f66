import { apiRoutes } from '@airwave/shared';
import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { FollowButton } from '../../../components/FollowButton.tsx';
import { ProfileBlockControl } from '../../../components/ProfileBlockControl.tsx';
import { StreamCard } from '../../../components/StreamCard.tsx';
import { TopGiftersList } from '../../../components/TopGiftersList.tsx';
import { publicGet } from '../../../lib/api.ts';
import { serverLocale } from '../../../lib/locale.server.ts';

export const dynamic = 'force-dynamic';
type Params = Promise<{ id: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const profile = await publicGet(apiRoutes.profile, { params: { id: (await params).id } });
  return profile
    ? { title: profile.nickname, description: profile.bio || `${profile.nickname} on Airwave` }
    : {};
}

export default async function ProfilePage({ params }: { params: Params }) {
  const { id } = await params;
  const { t, locale } = await serverLocale();
  const profile = await publicGet(apiRoutes.profile, { params: { id } });
  if (!profile) notFound();
  const [live, past, gifters] = await Promise.all([
    publicGet(apiRoutes.listStreams, { query: { streamerId: id, status: 'live', limit: 1 } }),
    publicGet(apiRoutes.listStreams, { query: { streamerId: id, status: 'ended', limit: 6 } }),
    publicGet(apiRoutes.streamerTopGifters, { params: { id }, query: { period: 'all' } }),
  ]);
  const liveStream = live?.items[0];
  return (
    <>
      <section className="card row" style={{ gap: 18 }}>
        {profile.avatarUrl ? (
          // biome-ignore lint/performance/noImgElement: avatars come from any host
          <img src={profile.avatarUrl} alt="" width={72} height={72} style={{ borderRadius: '50%' }} />
        ) : (
          <span className="avatar-fallback" aria-hidden="true">
            {profile.nickname.slice(0, 1).toUpperCase()}
          </span>
        )}
        <div>
          <h1 style={{ margin: 0 }}>{profile.nickname}</h1>
          <p className="muted" style={{ margin: '4px 0' }}>
            {t.profile.joined(new Date(profile.createdAt).toLocaleDateString(locale))}
          </p>
          {profile.bio && <p style={{ margin: 0 }}>{profile.bio}</p>}
          <FollowButton streamerId={profile.id} nickname={profile.nickname} />
        </div>
        <span className="spacer" />
        {liveStream && (
          <Link className="btn btn-primary" href={`/streams/${liveStream.id}`}>
            {t.profile.liveNow}
          </Link>
        )}
        <ProfileBlockControl userId={profile.id} nickname={profile.nickname} />
      </section>
      <div className="stat-grid" style={{ margin: '18px 0' }}>
        <div className="stat">
          <div className="muted">{t.profile.streams}</div>
          <div className="stat-value">{profile.stats.streamsCount}</div>
        </div>
        <div className="stat">
          <div className="muted">{t.profile.giftsReceived}</div>
          <div className="stat-value">{profile.stats.giftsReceived}</div>
        </div>
        <div className="stat">
          <div className="muted">{t.dashboard.beansEarned}</div>
          <div className="stat-value">{profile.stats.beansEarned}</div>
        </div>
      </div>
      {gifters && <TopGiftersList title={t.dashboard.topGifters} items={gifters.items} />}
      {past && past.items.length > 0 && (
        <>
          <h2>{t.profile.pastStreams}</h2>
          <section className="grid">
            {past.items.map((s) => (
              <StreamCard key={s.id} stream={s} t={t} />
            ))}
          </section>
        </>
      )}
    </>
  );
}
