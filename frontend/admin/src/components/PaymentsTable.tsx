'use client';
import type { AdminPayment } from '@airwave/shared';
import Link from 'next/link';
import { fmtDateTime, fmtMoney, fmtNumber } from '../lib/format.ts';
import { useI18n } from '../lib/i18n.tsx';
import { type Column, DataTable, RowAction } from './DataTable.tsx';
import { Badge, type ListSource } from './states.tsx';

export function PaymentsTable({
  items,
  emptyText,
  source,
  onRefund,
  showBuyer = true,
}: {
  items: AdminPayment[];
  emptyText: string;
  source?: ListSource;
  onRefund?: (p: AdminPayment) => void;
  showBuyer?: boolean;
}) {
  const { t, locale } = useI18n();
  const columns: Array<Column<AdminPayment> | false> = [
    { header: t.common.created, className: 'nowrap', cell: (p) => fmtDateTime(p.createdAt, locale) },
    showBuyer && {
      header: t.payments.buyer,
      cell: (p) => (
        <>
          <Link href={`/users/${p.user.id}`}>{p.user.nickname}</Link>
          <div className="muted small ellipsis">{p.user.email}</div>
        </>
      ),
    },
    {
      header: t.payments.package,
      cell: (p) => (
        <>
          {p.packageId} <span className="muted small">({p.provider})</span>
        </>
      ),
    },
    {
      header: t.payments.amount,
      numeric: true,
      className: 'nowrap',
      cell: (p) => fmtMoney(p.amountCents, p.currency, locale),
    },
    { header: t.payments.coins, numeric: true, cell: (p) => fmtNumber(p.coins, locale) },
    { header: t.payments.status, cell: (p) => <Badge kind={p.status}>{t.statuses[p.status]}</Badge> },
    {
      header: t.payments.ids,
      className: 'ids',
      cell: (p) =>
        p.transactionId || p.paymentIntentId ? (
          <>
            {p.transactionId && <code title={p.transactionId}>{p.transactionId}</code>}
            {p.paymentIntentId && <code title={p.paymentIntentId}>{p.paymentIntentId}</code>}
          </>
        ) : (
          <span className="muted">—</span>
        ),
    },
  ];
  return (
    <DataTable
      testId="payments-table"
      columns={columns}
      rows={items}
      rowKey={(p) => p.id}
      rowAttrs={() => ({ 'data-testid': 'payment-row' })}
      actions={
        onRefund &&
        ((p) =>
          p.status === 'completed' && (
            <RowAction kind="danger" label={t.payments.refund} onClick={() => onRefund(p)} />
          ))
      }
      emptyText={emptyText}
      source={source}
    />
  );
}
