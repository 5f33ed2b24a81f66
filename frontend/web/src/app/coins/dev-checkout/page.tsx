'use client';
import { apiRoutes, type Payment } from '@airwave/shared';
import { useRouter, useSearchParams } from 'next/navigation';
import { Suspense, useEffect, useState } from 'react';
import { errorText } from '../../../components/error-text.ts';
import { useAuth, useRequireAuth } from '../../../lib/auth-context.tsx';
import { useI18n } from '../../../lib/i18n.tsx';

/** The dev payment provider's stand-in for Stripe Checkout: clearly a test, never real money. */
function DevCheckout() {
  const user = useRequireAuth();
  const { api, reloadMe } = useAuth();
  const { t, locale } = useI18n();
  const router = useRouter();
  const paymentId = useSearchParams().get('payment');
  const [payment, setPayment] = useState<Payment | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!user || !paymentId) return;
    api(apiRoutes.myPayments)
      .then((list) => setPayment(list.items.find((p) => p.id === paymentId) ?? null))
      .catch((err) => setError(errorText(err, t)));
  }, [user, paymentId, api, t]);

  async function confirm() {
    if (!paymentId) return;
    setBusy(true);
    setError(null);
    try {
      const done = await api(apiRoutes.devComplete, { body: { paymentId } });
      await reloadMe();
      router.replace(`/wallet?payment=${done.id}&result=success`);
    } catch (err) {
      setError(errorText(err, t));
      setBusy(false);
    }
  }

  if (!user) return <p className="muted">{t.common.loading}</p>;
  return (
    <div className="narrow card">
      <h1>{t.wallet.devTitle}</h1>
      <p className="alert alert-info">{t.wallet.testMode}</p>
      <p>{t.wallet.devBody}</p>
      {payment && (
        <p className="stat-value">
          🪙 {payment.coins} ·{' '}
          {new Intl.NumberFormat(locale, {
            style: 'currency',
            currency: payment.currency.toUpperCase(),
          }).format(payment.amountCents / 100)}
        </p>
      )}
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <div className="row">
        <button
          type="button"
          className="btn btn-primary"
          onClick={() => void confirm()}
          disabled={busy || !paymentId}
          data-testid="dev-confirm"
        >
          {busy ? t.auth.working : t.wallet.devConfirm}
        </button>
        <button type="button" className="btn" onClick={() => router.replace('/wallet')}>
          {t.common.cancel}
        </button>
      </div>
    </div>
  );
}

export default function DevCheckoutPage() {
  return (
    <Suspense>
      <DevCheckout />
    </Suspense>
  );
}
