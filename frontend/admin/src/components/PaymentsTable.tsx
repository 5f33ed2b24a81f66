'use client';
import type { AdminPayment } from '@airwave/shared';
import Link from 'next/link';
import { fmtDateTime, fmtMoney, fmtNumber } from '../lib/format.ts';
import { useI18n } from '../lib/i18n.tsx';
import { Badge } from './states.tsx';

export function PaymentsTable({
  items,
  onRefund,
  showBuyer = true,
}: {
  items: AdminPayment[];
  onRefund?: (p: AdminPayment) => void;
  showBuyer?: boolean;
}) {
  const { t, locale } = useI18n();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="payments-table">
        <thead>
          <tr>
            <th scope="col">{t.common.created}</th>
            {showBuyer && <th scope="col">{t.payments.buyer}</th>}
            <th scope="col">{t.payments.package}</th>
            <th scope="col" className="num">
              {t.payments.amount}
            </th>
            <th scope="col" className="num">
              {t.payments.coins}
            </th>
            <th scope="col">{t.payments.status}</th>
            <th scope="col">{t.payments.ids}</th>
            {onRefund && <th scope="col">{t.common.actions}</th>}
          </tr>
        </thead>
        <tbody>
          {items.map((p) => (
            <tr key={p.id} data-testid="payment-row">
              <td className="nowrap">{fmtDateTime(p.createdAt, locale)}</td>
              {showBuyer && (
                <td>
                  <Link href={`/users/${p.user.id}`}>{p.user.nickname}</Link>
                  <div className="muted small ellipsis">{p.user.email}</div>
                </td>
              )}
              <td>
                {p.packageId} <span className="muted small">({p.provider})</span>
              </td>
              <td className="num nowrap">{fmtMoney(p.amountCents, p.currency, locale)}</td>
              <td className="num">{fmtNumber(p.coins, locale)}</td>
              <td>
                <Badge kind={p.status}>{t.statuses[p.status]}</Badge>
              </td>
              <td className="ids">
                {p.transactionId || p.paymentIntentId ? (
                  <>
                    {p.transactionId && <code title={p.transactionId}>{p.transactionId}</code>}
                    {p.paymentIntentId && <code title={p.paymentIntentId}>{p.paymentIntentId}</code>}
                  </>
                ) : (
                  <span className="muted">—</span>
                )}
              </td>
              {onRefund && (
                <td>
                  {p.status === 'completed' && (
                    <button type="button" className="btn btn-small btn-danger" onClick={() => onRefund(p)}>
                      {t.payments.refund}
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
