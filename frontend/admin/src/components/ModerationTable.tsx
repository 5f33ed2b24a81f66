'use client';
import type { AdminModerationEntry } from '@airwave/shared';
import Link from 'next/link';
import { fmtDateTime } from '../lib/format.ts';
import { useI18n } from '../lib/i18n.tsx';
import { type Column, DataTable } from './DataTable.tsx';
import type { ListSource } from './states.tsx';

export function ModerationTable({
  items,
  emptyText,
  source,
}: {
  items: AdminModerationEntry[];
  emptyText: string;
  source?: ListSource;
}) {
  const { t, locale } = useI18n();
  const columns: Column<AdminModerationEntry>[] = [
    { header: t.common.when, className: 'nowrap', cell: (e) => fmtDateTime(e.createdAt, locale) },
    { header: t.modLog.action, cell: (e) => <code className="action">{e.action}</code> },
    { header: t.modLog.actor, cell: (e) => (e.actor ? e.actor.nickname : t.common.system) },
    { header: t.modLog.target, cell: (e) => (e.target ? e.target.nickname : '—') },
    { header: t.modLog.reason, className: 'wrap', cell: (e) => e.reason ?? <span className="muted">—</span> },
    {
      header: t.modLog.stream,
      cell: (e) =>
        e.streamId ? (
          <Link href={`/streams/${e.streamId}`} title={e.streamId}>
            {e.streamId.slice(0, 8)}
          </Link>
        ) : (
          '—'
        ),
    },
  ];
  return (
    <DataTable
      testId="moderation-table"
      columns={columns}
      rows={items}
      rowKey={(e) => e.id}
      rowAttrs={() => ({ 'data-testid': 'moderation-row' })}
      emptyText={emptyText}
      source={source}
    />
  );
}
