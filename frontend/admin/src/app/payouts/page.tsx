'use client';
import type { AdminPayout, AdminPayoutList } from '@airwave/shared';
import Link from 'next/link';
import { useState } from 'react';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { ListState, PageHeader } from '../../components/states.tsx';
import { useToast } from '../../components/Toasts.tsx';
import { useAuth } from '../../lib/auth-context.tsx';
import { fmtDateTime, fmtMoney, fmtNumber } from '../../lib/format.ts';
import { useResource } from '../../lib/hooks.ts';
import { useI18n } from '../../lib/i18n.tsx';

export default function PayoutsPage() {
  const { t, locale } = useI18n();
  const { api } = useAuth();
  const toast = useToast();
  const list = useResource<AdminPayoutList>('/api/admin/payouts');
  const [deciding, setDeciding] = useState<{ payout: AdminPayout; decision: 'approve' | 'reject' } | null>(
    null,
  );
  const cash = (p: AdminPayout) => fmtMoney(p.cashCents, p.currency, locale);

  return (
    <>
      <PageHeader title={t.payouts.title} />
      <p className="muted">{t.payouts.intro}</p>
      <ListState
        loading={list.loading}
        error={list.error}
        empty={!list.data || list.data.items.length === 0}
        emptyText={t.payouts.empty}
        onRetry={list.reload}
      >
        <div className="table-wrap">
          <table className="table" data-testid="payouts-table">
            <thead>
              <tr>
                <th scope="col">{t.payouts.requested}</th>
                <th scope="col">{t.common.user}</th>
                <th scope="col" className="num">
                  {t.payouts.beans}
                </th>
                <th scope="col" className="num">
                  {t.payouts.cash}
                </th>
                <th scope="col">{t.payouts.id}</th>
                <th scope="col">{t.common.actions}</th>
              </tr>
            </thead>
            <tbody>
              {list.data?.items.map((p) => (
                <tr key={p.id} data-testid="payout-row" data-payout-id={p.id}>
                  <td className="nowrap">{fmtDateTime(p.createdAt, locale)}</td>
                  <td>
                    <Link href={`/users/${p.userId}`} title={p.userId}>
                      {p.userId.slice(0, 8)}
                    </Link>
                  </td>
                  <td className="num">{fmtNumber(p.beans, locale)}</td>
                  <td className="num nowrap strong">{cash(p)}</td>
                  <td>
                    <code title={p.id}>{p.id.slice(0, 8)}</code>
                  </td>
                  <td className="nowrap">
                    <button
                      type="button"
                      className="btn btn-small btn-primary"
                      onClick={() => setDeciding({ payout: p, decision: 'approve' })}
                    >
                      {t.payouts.approve}
                    </button>{' '}
                    <button
                      type="button"
                      className="btn btn-small btn-danger"
                      onClick={() => setDeciding({ payout: p, decision: 'reject' })}
                    >
                      {t.payouts.reject}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </ListState>
      <ConfirmDialog
        open={deciding !== null}
        title={
          deciding
            ? deciding.decision === 'approve'
              ? t.payouts.approveTitle(cash(deciding.payout))
              : t.payouts.rejectTitle(cash(deciding.payout))
            : ''
        }
        body={deciding?.decision === 'approve' ? t.payouts.approveBody : t.payouts.rejectBody}
        confirmLabel={deciding?.decision === 'approve' ? t.payouts.approve : t.payouts.reject}
        danger={deciding?.decision === 'reject'}
        onConfirm={async (reason) => {
          if (!deciding) return;
          await api('POST', `/api/admin/payouts/${deciding.payout.id}/${deciding.decision}`, { reason });
          toast(deciding.decision === 'approve' ? t.payouts.approved : t.payouts.rejected);
          list.reload();
        }}
        onClose={() => setDeciding(null)}
      />
    </>
  );
}
