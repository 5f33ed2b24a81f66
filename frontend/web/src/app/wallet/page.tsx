'use client';
import { newIdempotencyKey } from '@airwave/client';
import {
  apiRoutes,
  type CoinPackage,
  type Rates,
  type Receipt,
  type Wallet,
  type WalletHistory,
} from '@airwave/shared';
import { useRouter, useSearchParams } from 'next/navigation';
import { Suspense, useCallback, useEffect, useRef, useState } from 'react';
import { BeanHolds } from '../../components/BeanHolds.tsx';
import { errorText } from '../../components/error-text.ts';
import { LimitsCard, ReceiptsCard, StatementCard } from '../../components/WalletRecords.tsx';
import { useAuth, useRequireAuth } from '../../lib/auth-context.tsx';
import { useI18n } from '../../lib/i18n.tsx';

const money = (cents: number, currency: string, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase() }).format(cents / 100);

function WalletView() {
  const user = useRequireAuth();
  const { api, reloadMe } = useAuth();
  const { t, locale } = useI18n();
  const router = useRouter();
  const params = useSearchParams();
  const [wallet, setWallet] = useState<Wallet | null>(null);
  const [packages, setPackages] = useState<CoinPackage[]>([]);
  const [history, setHistory] = useState<WalletHistory | null>(null);
  const [receipts, setReceipts] = useState<Receipt[] | null>(null);
  const [rates, setRates] = useState<Rates | null>(null);
  const [buying, setBuying] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [w, p, h, r, rt] = await Promise.all([
        api(apiRoutes.wallet),
        api(apiRoutes.coinPackages),
        api(apiRoutes.walletHistory, { query: { limit: 20 } }),
        api(apiRoutes.receipts),
        api(apiRoutes.rates),
      ]);
      setRates(rt);
      setWallet(w);
      setPackages(p.items);
      setHistory(h);
      setReceipts(r.items);
      setError(null);
    } catch (err) {
      setError(errorText(err, t));
    }
  }, [api, t]);

  useEffect(() => {
    if (user) void load();
  }, [user, load]);
  // Once the session is back (a full page load restores it first; before that /auth/me is a 401),
  // and only once: reloadMe gives a new user object, which would run this again.
  const reloaded = useRef(false);
  useEffect(() => {
    if (!user || reloaded.current || params.get('result') !== 'success') return;
    reloaded.current = true;
    void reloadMe();
  }, [user, params, reloadMe]);

  async function buy(pkg: CoinPackage) {
    setBuying(pkg.id);
    setError(null);
    try {
      const checkout = await api(apiRoutes.checkout, {
        body: { packageId: pkg.id, idempotencyKey: newIdempotencyKey() },
      });
      if (checkout.test) router.push(`/coins/dev-checkout?payment=${checkout.payment.id}`);
      else window.location.assign(checkout.url);
    } catch (err) {
      setError(errorText(err, t));
      setBuying(null);
    }
  }

  // The return URL says where the buyer came back from, not what happened: only the payment's own
  // status (from the receipts) may say the coins arrived.
  const result = params.get('result');
  const returned = receipts?.find((r) => r.id === params.get('payment'));
  const outcome =
    result === 'expired' || returned?.status === 'expired' || returned?.status === 'failed'
      ? { ok: false, text: t.wallet.resultExpired }
      : result === 'cancel'
        ? { ok: false, text: t.wallet.resultCancelled }
        : result === 'success' && returned?.status === 'completed'
          ? { ok: true, text: t.wallet.purchased(returned.coins) }
          : result === 'success' && returned?.status === 'pending'
            ? { ok: true, text: t.wallet.resultPending }
            : null;

  if (!user) return <p className="muted">{t.common.loading}</p>;
  return (
    <>
      <h1>{t.wallet.title}</h1>
      {outcome && (
        <p
          className={outcome.ok ? 'alert alert-ok' : 'alert alert-error'}
          role="status"
          data-testid="checkout-result"
        >
          {outcome.text}
        </p>
      )}
      {error && (
        <div className="alert alert-error" role="alert">
          {error}{' '}
          <button type="button" className="btn btn-small" onClick={() => void load()}>
            {t.common.retry}
          </button>
        </div>
      )}
      <div className="stat-grid" style={{ marginBottom: 20 }}>
        <div className="stat">
          <div className="muted">{t.wallet.coins}</div>
          <div className="stat-value" data-testid="wallet-coins">
            {wallet?.coins ?? user.coins}
          </div>
          {wallet && wallet.promoCoins > 0 && (
            <div className="hint" data-testid="wallet-promo-coins">
              {t.wallet.promoCoins(wallet.promoCoins)}
            </div>
          )}
        </div>
        <div className="stat">
          <div className="muted">{t.wallet.availableBeans}</div>
          <div className="stat-value" data-testid="wallet-beans">
            {wallet?.beans ?? user.beans}
          </div>
        </div>
        {wallet && wallet.heldBeans > 0 && (
          <div className="stat">
            <div className="muted">{t.wallet.heldBeans}</div>
            <div className="stat-value" data-testid="wallet-held-beans">
              {wallet.heldBeans}
            </div>
          </div>
        )}
        {wallet && wallet.coinsDebt > 0 && (
          <div className="stat">
            <div className="muted">{t.wallet.debt}</div>
            <div className="stat-value">{wallet.coinsDebt}</div>
          </div>
        )}
      </div>
      {wallet && <BeanHolds wallet={wallet} holdDays={rates?.beanHoldDays} />}
      <section className="card" aria-labelledby="buy-heading">
        <h2 id="buy-heading">{t.wallet.buy}</h2>
        {packages.length === 0 && !error && <p className="muted">{t.common.loading}</p>}
        <div className="packages">
          {packages.map((p) => (
            <div key={p.id} className="card pkg">
              <div className="pkg-coins">🪙 {p.coins}</div>
              {p.bonusCoins > 0 && <div className="hint">{t.wallet.bonus(p.bonusCoins)}</div>}
              <button
                type="button"
                className="btn btn-primary"
                style={{ marginTop: 10, width: '100%' }}
                onClick={() => void buy(p)}
                disabled={buying !== null}
                data-testid={`buy-${p.id}`}
              >
                {buying === p.id ? t.wallet.buying : money(p.priceCents, p.currency, locale)}
              </button>
            </div>
          ))}
        </div>
      </section>
      <ReceiptsCard receipts={receipts} />
      <LimitsCard />
      <StatementCard />
      <section className="card" style={{ marginTop: 20 }} aria-labelledby="history-heading">
        <h2 id="history-heading">{t.wallet.history}</h2>
        {history && history.items.length === 0 && <p className="muted">{t.wallet.historyEmpty}</p>}
        {history && history.items.length > 0 && (
          <table className="table">
            <tbody>
              {history.items.map((h) => (
                <tr key={h.id}>
                  <td>{new Date(h.createdAt).toLocaleString(locale)}</td>
                  <td>{t.wallet.kinds[h.kind] ?? h.kind}</td>
                  <td style={{ textAlign: 'right', color: h.delta < 0 ? '#ff8fa8' : '#8ff0b8' }}>
                    {h.delta > 0 ? '+' : ''}
                    {h.delta} {h.account === 'coins' ? t.common.coins : t.common.beans}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

export default function WalletPage() {
  return (
    <Suspense>
      <WalletView />
    </Suspense>
  );
}
