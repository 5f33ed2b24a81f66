'use client';
import {
  apiRoutes,
  type BalanceMismatch,
  type ReconciliationDifference,
  type TrialBalanceRow,
} from '@airwave/shared';
import Link from 'next/link';
import { useState } from 'react';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { Badge, PageHeader } from '../../components/states.tsx';
import { useToast } from '../../components/Toasts.tsx';
import { useAuth } from '../../lib/auth-context.tsx';
import { errorText } from '../../lib/error-text.ts';
import { fmtDateTime, fmtNumber } from '../../lib/format.ts';
import { useResource } from '../../lib/hooks.ts';
import { useI18n } from '../../lib/i18n.tsx';

/** The double-entry book: trial balance, cached balances against postings, Stripe reconciliation. */
export default function LedgerPage() {
  const { t, locale } = useI18n();
  const { api } = useAuth();
  const toast = useToast();
  const books = useResource(apiRoutes.trialBalance, {});
  const last = useResource(apiRoutes.lastReconciliation, {});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const n = (v: number) => fmtNumber(v, locale);
  const account = (a: string) => t.ledger.accounts[a as keyof typeof t.ledger.accounts] ?? a;

  const reconcile = async () => {
    setBusy(true);
    setError(null);
    try {
      const result = await api(apiRoutes.reconcile, {});
      toast(result.matched ? t.ledger.reconciledClean : t.ledger.reconciledDiffs(result.differences.length));
      last.reload();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  const rows: Column<TrialBalanceRow>[] = [
    {
      header: t.ledger.account,
      cell: (r) => (
        <>
          {account(r.account)} <code className="muted">{r.account}</code>
        </>
      ),
    },
    { header: t.ledger.unit, cell: (r) => <code>{r.unit}</code> },
    { header: t.ledger.debit, numeric: true, cell: (r) => n(r.debit) },
    { header: t.ledger.credit, numeric: true, cell: (r) => n(r.credit) },
    { header: t.ledger.balance, numeric: true, className: 'strong', cell: (r) => n(r.balance) },
    { header: t.ledger.users, numeric: true, cell: (r) => (r.users === null ? '' : n(r.users)) },
  ];
  const mismatches: Column<BalanceMismatch>[] = [
    {
      header: t.common.user,
      cell: (m) => (
        <Link href={`/users/${m.userId}`} title={m.userId}>
          {m.userId.slice(0, 8)}
        </Link>
      ),
    },
    { header: t.ledger.account, cell: (m) => account(m.account) },
    { header: t.ledger.cached, numeric: true, cell: (m) => n(m.cached) },
    { header: t.ledger.fromPostings, numeric: true, cell: (m) => n(m.postings) },
  ];
  const differences: Column<ReconciliationDifference>[] = [
    {
      header: t.ledger.difference,
      cell: (d) => <Badge kind="failed">{t.ledger.differenceKinds[d.kind]}</Badge>,
    },
    { header: t.ledger.type, cell: (d) => d.type },
    { header: t.ledger.paymentIntent, cell: (d) => <code>{d.paymentIntentId ?? '—'}</code> },
    { header: t.ledger.stripeTransaction, cell: (d) => <code>{d.stripeTransactionId ?? '—'}</code> },
    { header: t.ledger.unit, cell: (d) => <code>{d.currency}</code> },
    {
      header: t.ledger.atStripe,
      numeric: true,
      cell: (d) => (d.stripeAmount === null ? '—' : n(d.stripeAmount)),
    },
    {
      header: t.ledger.inLedger,
      numeric: true,
      cell: (d) => (d.ledgerAmount === null ? '—' : n(d.ledgerAmount)),
    },
  ];

  const b = books.data;
  const r = last.data?.result;
  return (
    <>
      <PageHeader title={t.ledger.title}>
        <button type="button" className="btn btn-small" onClick={books.reload}>
          {t.ledger.refresh}
        </button>
      </PageHeader>
      <p className="muted">{t.ledger.intro}</p>
      {b && (
        <p data-testid="books-state" data-balanced={String(b.balanced)}>
          <Badge kind={b.balanced ? 'approved' : 'failed'}>
            {b.balanced ? t.ledger.balanced : t.ledger.notBalanced}
          </Badge>{' '}
          {b.totals.map((u) => `${u.unit}: ${n(u.balance)}`).join(' · ')}{' '}
          <span className="muted">
            {t.ledger.checkedAt(fmtDateTime(b.checkedAt, locale))}
            {b.unbalancedEntries > 0 && ` · ${t.ledger.unbalancedEntries(b.unbalancedEntries)}`}
          </span>
        </p>
      )}
      <DataTable
        testId="trial-balance-table"
        columns={rows}
        rows={b?.rows ?? []}
        rowKey={(row) => `${row.account}|${row.unit}`}
        emptyText={t.ledger.empty}
        source={books}
      />
      {b && b.mismatches.length > 0 && (
        <section className="card" aria-labelledby="mismatches">
          <h2 id="mismatches">{t.ledger.mismatches}</h2>
          <DataTable
            testId="ledger-mismatches-table"
            columns={mismatches}
            rows={b.mismatches}
            rowKey={(m) => `${m.userId}|${m.account}`}
            emptyText=""
          />
        </section>
      )}
      <section className="card" aria-labelledby="reconciliation">
        <h2 id="reconciliation">{t.ledger.reconciliation}</h2>
        <p className="muted">{t.ledger.reconciliationIntro}</p>
        {last.data?.available === false ? (
          <p className="muted" data-testid="reconciliation-unavailable">
            {t.errors.RECONCILIATION_UNAVAILABLE}
          </p>
        ) : (
          <button type="button" className="btn btn-primary btn-small" onClick={reconcile} disabled={busy}>
            {t.ledger.reconcile}
          </button>
        )}
        {error && (
          <div className="alert alert-error" role="alert">
            {error}
          </div>
        )}
        {r ? (
          <>
            <p data-testid="reconciliation-state" data-matched={String(r.matched)}>
              <Badge kind={r.matched ? 'approved' : 'failed'}>
                {r.matched ? t.ledger.matched : t.ledger.reconciledDiffs(r.differences.length)}
              </Badge>{' '}
              <span className="muted">
                {t.ledger.lastRun(fmtDateTime(r.createdAt, locale), r.stripeTransactions, r.ledgerPostings)}
              </span>
            </p>
            {r.differences.length > 0 && (
              <DataTable
                testId="reconciliation-table"
                columns={differences}
                rows={r.differences}
                rowKey={(d) =>
                  `${d.kind}|${d.paymentIntentId}|${d.stripeTransactionId}|${d.type}|${d.currency}`
                }
                emptyText=""
              />
            )}
          </>
        ) : (
          last.data?.available && <p className="muted">{t.ledger.neverRun}</p>
        )}
      </section>
    </>
  );
}
