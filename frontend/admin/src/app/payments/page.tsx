'use client';
import { type AdminPayment, type AdminPaymentsQuery, apiRoutes } from '@airwave/shared';
import { TextField } from '@airwave/ui';
import { type FormEvent, useState } from 'react';
import { ConfirmDialog } from '../../components/Dialog.tsx';
import { FilterForm, SelectFilter } from '../../components/filters.tsx';
import { PaymentsTable } from '../../components/PaymentsTable.tsx';
import { PageHeader } from '../../components/states.tsx';
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
  const list = useCursorList(apiRoutes.adminPayments, {
    query: {
      status: (status || undefined) as AdminPaymentsQuery['status'],
      provider: (provider || undefined) as AdminPaymentsQuery['provider'],
      userId: userId || undefined,
    },
  });
  const userOk = userDraft.trim() === '' || UUID.test(userDraft.trim());
  const apply = (e: FormEvent) => {
    e.preventDefault();
    if (userOk) setUserId(userDraft.trim());
  };

  return (
    <>
      <PageHeader title={t.payments.title} />
      <FilterForm onSubmit={apply} submitLabel={t.common.apply} canSubmit={userOk}>
        <SelectFilter
          id="pay-status"
          label={t.payments.status}
          value={status}
          options={STATUSES.map((s) => [s, t.statuses[s]] as const)}
          onChange={setStatus}
        />
        <SelectFilter
          id="pay-provider"
          label={t.payments.provider}
          value={provider}
          options={PROVIDERS.map((p) => [p, p] as const)}
          onChange={setProvider}
        />
        <TextField
          id="pay-user"
          label={t.payments.userId}
          grow
          value={userDraft}
          onChange={(e) => setUserDraft(e.target.value)}
          aria-invalid={!userOk}
          placeholder="00000000-0000-0000-0000-000000000000"
        />
      </FilterForm>
      <PaymentsTable items={list.items} emptyText={t.payments.empty} source={list} onRefund={setRefunding} />
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
          await api(apiRoutes.refundPayment, { params: { id: refunding.id }, body: { reason } });
          toast(t.payments.refunded);
          list.reload();
        }}
        onClose={() => setRefunding(null)}
      />
    </>
  );
}
