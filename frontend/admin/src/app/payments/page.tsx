'use client';
import type { AdminPayment } from '@airwave/shared';
import { type FormEvent, useState } from 'react';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { PaymentsTable } from '../../components/PaymentsTable.tsx';
import { ListState, LoadMore, PageHeader } from '../../components/states.tsx';
import { useToast } from '../../components/Toasts.tsx';
import { useAuth } from '../../lib/auth-context.tsx';
import { fmtMoney } from '../../lib/format.ts';
import { useCursorList } from '../../lib/hooks.ts';
import { useI18n } from '../../lib/i18n.tsx';

const STATUSES = ['pending', 'completed', 'failed', 'expired', 'refunded'] as const;
const PROVIDERS = ['stripe', 'dev'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default function PaymentsPage() {
  const { t, locale } = useI18n();
  const { api } = useAuth();
  const toast = useToast();
  const [status, setStatus] = useState('');
  const [provider, setProvider] = useState('');
  const [userDraft, setUserDraft] = useState('');
  const [userId, setUserId] = useState('');
  const [refunding, setRefunding] = useState<AdminPayment | null>(null);
  const list = useCursorList<AdminPayment>('/api/admin/payments', {
    status: status || undefined,
    provider: provider || undefined,
    userId: userId || undefined,
  });
  const userOk = userDraft.trim() === '' || UUID.test(userDraft.trim());
  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (userOk) setUserId(userDraft.trim());
  };

  return (
    <>
      <PageHeader title={t.payments.title} />
      <form className="filters" onSubmit={apply}>
        <div className="field">
          <label htmlFor="pay-status">{t.payments.status}</label>
          <select
            id="pay-status"
            className="input"
            value={status}
            onChange={(e) => setStatus(e.target.value)}
          >
            <option value="">{t.common.any}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t.statuses[s]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="pay-provider">{t.payments.provider}</label>
          <select
            id="pay-provider"
            className="input"
            value={provider}
            onChange={(e) => setProvider(e.target.value)}
          >
            <option value="">{t.common.any}</option>
            {PROVIDERS.map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <div className="field grow">
          <label htmlFor="pay-user">{t.payments.userId}</label>
          <input
            id="pay-user"
            className="input"
            value={userDraft}
            onChange={(e) => setUserDraft(e.target.value)}
            aria-invalid={!userOk}
            placeholder="00000000-0000-0000-0000-000000000000"
          />
        </div>
        <button type="submit" className="btn btn-primary" disabled={!userOk}>
          {t.common.apply}
        </button>
      </form>
      <ListState
        loading={list.loading}
        error={list.error}
        empty={list.items.length === 0}
        emptyText={t.payments.empty}
        onRetry={list.reload}
      >
        <PaymentsTable items={list.items} onRefund={setRefunding} />
        <LoadMore hasMore={list.hasMore} loading={list.loading} onClick={list.loadMore} />
      </ListState>
      <ConfirmDialog
        open={refunding !== null}
        title={t.payments.refundTitle(
          refunding ? fmtMoney(refunding.amountCents, refunding.currency, locale) : '',
          refunding?.user.nickname ?? '',
        )}
        body={t.payments.refundBody}
        confirmLabel={t.payments.refund}
        onConfirm={async (reason) => {
          if (!refunding) return;
          await api('POST', `/api/admin/payments/${refunding.id}/refund`, { reason });
          toast(t.payments.refunded);
          list.reload();
        }}
        onClose={() => setRefunding(null)}
      />
    </>
  );
}
