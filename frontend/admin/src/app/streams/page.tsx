'use client';
import { type AdminStream, apiRoutes } from '@airwave/shared';
import { SearchField } from '@airwave/ui';
import Link from 'next/link';
import { type FormEvent, useState } from 'react';
import { type Column, DataTable, RowAction } from '../../components/DataTable.tsx';
import { EndStreamDialog } from '../../components/EndStream.tsx';
import { Segmented } from '../../components/filters.tsx';
import { Badge, PageHeader } from '../../components/states.tsx';
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
  const list = useCursorList(apiRoutes.adminStreams, {
    query: { status: status || undefined, q: q || undefined },
  });
  const filters: Array<readonly [Filter, string]> = [
    ['live', t.streams.live],
    ['ended', t.streams.ended],
    ['', t.streams.all],
  ];

  const search = (e: FormEvent) => {
    e.preventDefault();
    setQ(draft.trim());
  };

  const columns: Column<AdminStream>[] = [
    {
      header: t.streams.stream,
      cell: (s) => (
        <>
          <Link href={`/streams/${s.id}`} className="strong">
            {s.title}
          </Link>
          {s.endedReason && <div className="muted small">{t.streams.endedReason[s.endedReason]}</div>}
        </>
      ),
    },
    { header: t.streams.streamer, cell: (s) => s.streamer.nickname },
    { header: t.common.status, cell: (s) => <Badge kind={s.status}>{t.statuses[s.status]}</Badge> },
    {
      header: t.streams.viewers,
      numeric: true,
      cell: (s) => (s.status === 'live' ? fmtNumber(s.viewerCount, locale) : '—'),
    },
    { header: t.streams.peak, numeric: true, cell: (s) => fmtNumber(s.peakViewers, locale) },
    { header: t.streams.started, className: 'nowrap', cell: (s) => fmtDateTime(s.startedAt, locale) },
  ];

  return (
    <>
      <PageHeader title={t.streams.title} />
      <div className="filters">
        <Segmented
          legend={t.streams.filter}
          name="stream-status"
          value={status}
          options={filters}
          onChange={setStatus}
        />
        <form className="inline-search" onSubmit={search}>
          <SearchField
            id="stream-q"
            label={t.streams.search}
            button={t.common.search}
            placeholder={t.streams.searchPlaceholder}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
        </form>
      </div>
      <DataTable
        testId="streams-table"
        columns={columns}
        rows={list.items}
        rowKey={(s) => s.id}
        rowAttrs={() => ({ 'data-testid': 'stream-row' })}
        actions={(s) => (
          <>
            <Link href={`/streams/${s.id}`} className="btn btn-small">
              {t.common.view}
            </Link>{' '}
            {s.status === 'live' && (
              <RowAction kind="danger" label={t.streams.end} onClick={() => setEnding(s)} />
            )}
          </>
        )}
        emptyText={t.streams.empty}
        source={list}
      />
      <EndStreamDialog stream={ending} onClose={() => setEnding(null)} onEnded={list.reload} />
    </>
  );
}
