'use client';
import { type AdminPayout, apiRoutes } from '@airwave/shared';
import Link from 'next/link';
import { useState } from 'react';
import { type Column, DataTable, RowAction } from '../../components/DataTable.tsx';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { PageHeader } from '../../components/states.tsx';
import { useToast } from '../../components/Toasts.tsx';
import { useAuth } from '../../lib/auth-context.tsx';
import { fmtDateTime, fmtMoney, fmtNumber } from '../../lib/format.ts';
import { useResource } from '../../lib/hooks.ts';
import { useI18n } from '../../lib/i18n.tsx';

export default function PayoutsPage() {
  const { t, locale } = useI18n();
  const { api } = useAuth();
  const toast = useToast();
  const list = useResource(apiRoutes.pendingPayouts, {});
  const [deciding, setDeciding] = useState<{ payout: AdminPayout; decision: 'approve' | 'reject' } | null>(
    null,
  );
  const cash = (p: AdminPayout) => fmtMoney(p.cashCents, p.currency, locale);

  const columns: Column<AdminPayout>[] = [
    { header: t.payouts.requested, className: 'nowrap', cell: (p) => fmtDateTime(p.createdAt, locale) },
    {
      header: t.common.user,
      cell: (p) => (
        <Link href={`/users/${p.userId}`} title={p.userId}>
          {p.userId.slice(0, 8)}
        </Link>
      ),
    },
    { header: t.payouts.beans, numeric: true, cell: (p) => fmtNumber(p.beans, locale) },
    { header: t.payouts.cash, numeric: true, className: 'nowrap strong', cell: cash },
    {
      header: t.payouts.status,
      cell: (p) =>
        p.status === 'paying' ? (
          <span data-testid="payout-paying" title={p.lastError ?? undefined}>
            {t.payouts.paying(p.attempts)}
            {p.lastError && <span className="muted"> — {p.lastError}</span>}
          </span>
        ) : (
          t.payouts.pending
        ),
    },
    { header: t.payouts.id, cell: (p) => <code title={p.id}>{p.id.slice(0, 8)}</code> },
  ];

  return (
    <>
      <PageHeader title={t.payouts.title} />
      <p className="muted">{t.payouts.intro}</p>
      <DataTable
        testId="payouts-table"
        columns={columns}
        rows={list.data?.items ?? []}
        rowKey={(p) => p.id}
        rowAttrs={(p) => ({ 'data-testid': 'payout-row', 'data-payout-id': p.id })}
        actions={(p) =>
          p.status === 'paying' ? (
            // Approving again drives the same payment (same idempotency keys): it can never pay twice.
            <RowAction
              kind="primary"
              label={t.payouts.retry}
              onClick={() => setDeciding({ payout: p, decision: 'approve' })}
            />
          ) : (
            <>
              <RowAction
                kind="primary"
                label={t.payouts.approve}
                onClick={() => setDeciding({ payout: p, decision: 'approve' })}
              />{' '}
              <RowAction
                kind="danger"
                label={t.payouts.reject}
                onClick={() => setDeciding({ payout: p, decision: 'reject' })}
              />
            </>
          )
        }
        emptyText={t.payouts.empty}
        source={list}
      />
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
          await api(deciding.decision === 'approve' ? apiRoutes.approvePayout : apiRoutes.rejectPayout, {
            params: { id: deciding.payout.id },
            body: { reason },
          });
          toast(deciding.decision === 'approve' ? t.payouts.approved : t.payouts.rejected);
          list.reload();
        }}
        onClose={() => setDeciding(null)}
      />
    </>
  );
}
