'use client';
import { apiRoutes, type JournalEntry } from '@airwave/shared';
import Link from 'next/link';
import { fmtDateTime, fmtNumber } from '../lib/format.ts';
import { useCursorList } from '../lib/hooks.ts';
import { useI18n } from '../lib/i18n.tsx';
import { type Column, DataTable } from './DataTable.tsx';

/** A user's full ledger journal (admins only), newest first, loaded by keyset pages. */
export function JournalTable({ userId }: { userId: string }) {
  const { t, locale } = useI18n();
  const list = useCursorList(apiRoutes.adminUserJournal, { params: { id: userId }, query: { limit: 25 } });
  const columns: Array<Column<JournalEntry>> = [
    { header: t.common.created, className: 'nowrap', cell: (e) => fmtDateTime(e.createdAt, locale) },
    { header: t.journal.kind, cell: (e) => t.journal.kinds[e.kind] ?? e.kind },
    { header: t.journal.account, cell: (e) => (e.account === 'coins' ? t.user.coins : t.user.beans) },
    {
      header: t.journal.delta,
      numeric: true,
      cell: (e) =>
        `${e.delta > 0 ? '+' : ''}${fmtNumber(e.delta, locale)}${e.promoDelta ? ` (${t.journal.promo(e.promoDelta)})` : ''}`,
    },
    {
      header: t.journal.balanceAfter,
      numeric: true,
      cell: (e) => (e.balanceAfter === null ? '—' : fmtNumber(e.balanceAfter, locale)),
    },
    {
      header: t.journal.counterpart,
      cell: (e) =>
        e.counterpart ? <Link href={`/users/${e.counterpart.id}`}>{e.counterpart.nickname}</Link> : '—',
    },
    {
      header: t.journal.reference,
      className: 'wrap',
      cell: (e) => {
        // Ids shortened to their first 8 characters (the full one in the tooltip): rows stay one line high.
        const ids = [e.giftId && `gift ${e.giftId}`, e.paymentId && `payment ${e.paymentId}`]
          .filter(Boolean)
          .join(' · ');
        const short = ids.replace(/([0-9a-f]{8})[0-9a-f-]{28}/g, '$1…');
        return (
          <span className="muted small" title={ids || undefined}>
            {[short, e.reference, e.reason].filter(Boolean).join(' · ') || '—'}
          </span>
        );
      },
    },
  ];
  return (
    <DataTable
      testId="journal-table"
      columns={columns}
      rows={list.items}
      rowKey={(e) => String(e.id)}
      emptyText={t.journal.empty}
      source={list}
    />
  );
}
