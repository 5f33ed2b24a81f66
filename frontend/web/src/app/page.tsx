import { apiRoutes, CATEGORIES } from '@airwave/shared';
import { SearchField } from '@airwave/ui';
import Link from 'next/link';
import { FollowingList } from '../components/FollowingList.tsx';
import { StreamCard } from '../components/StreamCard.tsx';
import { publicGet } from '../lib/api.ts';
import { serverLocale } from '../lib/locale.server.ts';

export const dynamic = 'force-dynamic';

type Search = Promise<{ category?: string; q?: string; cursor?: string; tab?: string }>;

export default async function HomePage({ searchParams }: { searchParams: Search }) {
  const { t } = await serverLocale();
  const { category, q, cursor, tab } = await searchParams;
  const tabs = (
    <nav className="chips" aria-label={t.home.tabs}>
      <Link className="chip" href="/" aria-current={tab === 'following' ? undefined : 'page'}>
        {t.home.liveTab}
      </Link>
      <Link className="chip" href="/?tab=following" aria-current={tab === 'following' ? 'page' : undefined}>
        {t.follows.tab}
      </Link>
    </nav>
  );
  // The followed channels are the signed-in viewer's own, so the browser asks for them with its session.
  if (tab === 'following') {
    return (
      <>
        <h1>{t.follows.tab}</h1>
        {tabs}
        <FollowingList />
      </>
    );
  }
  const activeCategory = CATEGORIES.find((c) => c === category);
  const [streams, categories] = await Promise.all([
    publicGet(apiRoutes.listStreams, {
      query: {
        limit: 24,
        category: activeCategory,
        q: q?.slice(0, 100) || undefined,
        cursor: cursor || undefined,
      },
    }),
    publicGet(apiRoutes.categories),
  ]);
  const counts = new Map(categories?.items.map((c) => [c.slug, c.liveCount]));
  const linkFor = (c?: string) => {
    const p = new URLSearchParams();
    if (c) p.set('category', c);
    if (q) p.set('q', q);
    const s = p.toString();
    return s ? `/?${s}` : '/';
  };

  return (
    <>
      <div className="row">
        <h1>{t.home.title}</h1>
        <span className="spacer" />
        <search>
          <form className="search" action="/">
            {activeCategory && <input type="hidden" name="category" value={activeCategory} />}
            <SearchField
              id="q"
              label={t.home.search}
              button={t.home.searchButton}
              name="q"
              placeholder={t.home.search}
              defaultValue={q}
              maxLength={100}
            />
          </form>
        </search>
      </div>
      {tabs}
      <nav className="chips" aria-label={t.live.category}>
        <Link className="chip" href={linkFor()} aria-current={activeCategory ? undefined : 'page'}>
          {t.categories.all}
        </Link>
        {CATEGORIES.map((c) => (
          <Link
            key={c}
            className="chip"
            href={linkFor(c)}
            aria-current={activeCategory === c ? 'page' : undefined}
          >
            {t.categories[c]}
            {counts.get(c) ? ` · ${counts.get(c)}` : ''}
          </Link>
        ))}
      </nav>
      {streams && streams.items.length > 0 ? (
        <>
          <section className="grid" aria-label={t.home.title}>
            {streams.items.map((s) => (
              <StreamCard key={s.id} stream={s} t={t} />
            ))}
          </section>
          {streams.nextCursor && (
            <p className="row" style={{ justifyContent: 'center', marginTop: 20 }}>
              <Link
                className="btn"
                href={`${linkFor(activeCategory)}${linkFor(activeCategory).includes('?') ? '&' : '?'}cursor=${encodeURIComponent(streams.nextCursor)}`}
              >
                {t.home.more}
              </Link>
            </p>
          )}
        </>
      ) : (
        <div className="empty card">
          <p>{t.home.empty}</p>
          <Link className="btn btn-primary" href="/live">
            {t.home.emptyCta}
          </Link>
        </div>
      )}
    </>
  );
}
