'use client';
import type { AdminStream } from '@airwave/shared';
import Link from 'next/link';
import { type FormEvent, useState } from 'react';
import { EndStreamDialog } from '../../components/EndStream.tsx';
import { Badge, ListState, LoadMore, PageHeader } from '../../components/states.tsx';
import { fmtDateTime, fmtNumber } from '../../lib/format.ts';
import { useCursorList } from '../../lib/hooks.ts';
import { useI18n } from '../../lib/i18n.tsx';

type Filter = 'live' | 'ended' | '';

export default function StreamsPage() {
  const { t, locale } = useI18n();
  const [status, setStatus] = useState<Filter>('live');
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [ending, setEnding] = useState<AdminStream | null>(null);
  const list = useCursorList<AdminStream>('/api/admin/streams', {
    status: status || undefined,
    q: q || undefined,
  });
  const filters: Array<[Filter, string]> = [
    ['live', t.streams.live],
    ['ended', t.streams.ended],
    ['', t.streams.all],
  ];

  const search = (e: FormEvent) => {
    e.preventDefault();
    setQ(draft.trim());
  };

  return (
    <>
      <PageHeader title={t.streams.title} />
      <div className="filters">
        <fieldset className="segmented">
          <legend className="visually-hidden">{t.streams.filter}</legend>
          {filters.map(([value, label]) => (
            <label key={value || 'all'} className={status === value ? 'on' : undefined}>
              <input
                type="radio"
                name="stream-status"
                value={value}
                checked={status === value}
                onChange={() => setStatus(value)}
              />
              {label}
            </label>
          ))}
        </fieldset>
        <form className="inline-search" onSubmit={search}>
          <label htmlFor="stream-q" className="visually-hidden">
            {t.streams.search}
          </label>
          <input
            id="stream-q"
            className="input"
            type="search"
            placeholder={t.streams.searchPlaceholder}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
          <button type="submit" className="btn">
            {t.common.search}
          </button>
        </form>
      </div>
      <ListState
        loading={list.loading}
        error={list.error}
        empty={list.items.length === 0}
        emptyText={t.streams.empty}
        onRetry={list.reload}
      >
        <div className="table-wrap">
          <table className="table" data-testid="streams-table">
            <thead>
              <tr>
                <th scope="col">{t.streams.stream}</th>
                <th scope="col">{t.streams.streamer}</th>
                <th scope="col">{t.common.status}</th>
                <th scope="col" className="num">
                  {t.streams.viewers}
                </th>
                <th scope="col" className="num">
                  {t.streams.peak}
                </th>
                <th scope="col">{t.streams.started}</th>
                <th scope="col">{t.common.actions}</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((s) => (
                <tr key={s.id} data-testid="stream-row">
                  <td>
                    <Link href={`/streams/${s.id}`} className="strong">
                      {s.title}
                    </Link>
                    {s.endedReason && (
                      <div className="muted small">{t.streams.endedReason(s.endedReason)}</div>
                    )}
                  </td>
                  <td>{s.streamer.nickname}</td>
                  <td>
                    <Badge kind={s.status}>{t.statuses[s.status]}</Badge>
                  </td>
                  <td className="num">{s.status === 'live' ? fmtNumber(s.viewerCount, locale) : '—'}</td>
                  <td className="num">{fmtNumber(s.peakViewers, locale)}</td>
                  <td className="nowrap">{fmtDateTime(s.startedAt, locale)}</td>
                  <td className="nowrap">
                    <Link href={`/streams/${s.id}`} className="btn btn-small">
                      {t.common.view}
                    </Link>{' '}
                    {s.status === 'live' && (
                      <button type="button" className="btn btn-small btn-danger" onClick={() => setEnding(s)}>
                        {t.streams.end}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
      </ListState>
      <EndStreamDialog stream={ending} onClose={() => setEnding(null)} onEnded={list.reload} />
    </>
  );
}
