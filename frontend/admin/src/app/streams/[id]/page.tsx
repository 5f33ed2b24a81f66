'use client';
import { apiRoutes } from '@airwave/shared';
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { useState } from 'react';
import { EndStreamDialog } from '../../../components/EndStream.tsx';
import { Figure } from '../../../components/Figure.tsx';
import { Badge, ErrorState, ListState, Loading } from '../../../components/states.tsx';
import { fmtDateTime, fmtNumber } from '../../../lib/format.ts';
import { useCursorList, useResource } from '../../../lib/hooks.ts';
import { useI18n } from '../../../lib/i18n.tsx';

export default function StreamDetailPage() {
  const { id } = useParams<{ id: string }>();
  const { t, locale } = useI18n();
  const stream = useResource(apiRoutes.getStream, { params: { id } });
  const chat = useCursorList(apiRoutes.adminStreamChat, { params: { id } });
  const gifts = useCursorList(apiRoutes.adminStreamGifts, { params: { id } });
  const [ending, setEnding] = useState(false);
  const s = stream.data;
  const n = (v: number) => fmtNumber(v, locale);

  return (
    <>
      <nav className="crumbs" aria-label="breadcrumb">
        <Link href="/streams">← {t.streams.back}</Link>
      </nav>
      {stream.error && !s ? (
        <ErrorState error={stream.error} onRetry={stream.reload} />
      ) : !s ? (
        <Loading />
      ) : (
        <>
          <div className="page-header">
            <div>
              <h1 className="row">
                {s.title}
                <Badge kind={s.status}>{t.statuses[s.status]}</Badge>
              </h1>
              <p className="muted small">
                <Link href={`/users/${s.streamer.id}`}>{s.streamer.nickname}</Link> ·{' '}
                {fmtDateTime(s.startedAt, locale)}
                {s.endedAt ? ` – ${fmtDateTime(s.endedAt, locale)}` : ''}
              </p>
            </div>
            <div className="page-header-tools">
              <a className="btn" href={`/streams/${s.id}`} target="_blank" rel="noreferrer">
                {t.streams.watch} ↗
              </a>
              {s.status === 'live' && (
                <button type="button" className="btn btn-danger" onClick={() => setEnding(true)}>
                  {t.streams.end}
                </button>
              )}
            </div>
          </div>
          <dl className="figures card">
            <Figure label={t.streams.viewers} value={s.status === 'live' ? n(s.viewerCount) : '—'} />
            <Figure label={t.streams.peak} value={n(s.peakViewers)} />
            <Figure label={t.streams.chat} value={n(s.chatMessagesCount)} />
            <Figure label={t.streams.gifts} value={n(s.giftsCount)} />
            <Figure label={t.dashboard.beansEarned} value={n(s.beansEarned)} />
          </dl>
        </>
      )}
      <div className="two-col">
        <section className="card" aria-labelledby="chat-title">
          <h2 id="chat-title">{t.streams.chat}</h2>
          <ListState source={chat} count={chat.items.length} emptyText={t.streams.noChat}>
            <ol className="plain-list log" data-testid="admin-chat">
              {chat.items.map((m) => (
                <li key={m.id} className={m.deletedAt ? 'deleted' : undefined}>
                  <span className="muted small nowrap">{fmtDateTime(m.createdAt, locale)}</span>{' '}
                  <Link href={`/users/${m.author.id}`} className="strong">
                    {m.author.nickname}
                  </Link>{' '}
                  <span>{m.text}</span>
                  {m.deletedAt && (
                    <span className="badge badge-banned">
                      {t.streams.deletedBy(m.deletedBy?.nickname ?? t.common.system)}
                    </span>
                  )}
                </li>
              ))}
            </ol>
          </ListState>
        </section>
        <section className="card" aria-labelledby="gifts-title">
          <h2 id="gifts-title">{t.streams.gifts}</h2>
          <ListState source={gifts} count={gifts.items.length} emptyText={t.streams.noGifts}>
            <ol className="plain-list log" data-testid="admin-gifts">
              {gifts.items.map((g) => (
                <li key={g.id}>
                  <span className="muted small nowrap">{fmtDateTime(g.createdAt, locale)}</span>{' '}
                  <Link href={`/users/${g.sender.id}`} className="strong">
                    {g.sender.nickname}
                  </Link>{' '}
                  {t.streams.giftLine(g.count, g.gift.name)}{' '}
                  <span className="muted small">
                    {n(g.costCoins)} {t.common.coins} → {n(g.beans)} {t.common.beans}
                  </span>
                </li>
              ))}
            </ol>
          </ListState>
        </section>
      </div>
      <EndStreamDialog
        stream={ending && s ? s : null}
        onClose={() => setEnding(false)}
        onEnded={() => {
          stream.reload();
        }}
      />
    </>
  );
}
