'use client';
import { newIdempotencyKey } from '@airwave/client';
import {
  apiRoutes,
  type Payout,
  type PayoutAccount,
  type Rates,
  type StreamList,
  type TopGifters,
  type Wallet,
} from '@airwave/shared';
import { TextField } from '@airwave/ui';
import Link from 'next/link';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { BeanHolds } from '../../components/BeanHolds.tsx';
import { ChatModerationForm } from '../../components/ChatModerationForm.tsx';
import { errorText } from '../../components/error-text.ts';
import { StreamCard } from '../../components/StreamCard.tsx';
import { TopGiftersList } from '../../components/TopGiftersList.tsx';
import { useAuth, useRequireAuth } from '../../lib/auth-context.tsx';
import { useI18n } from '../../lib/i18n.tsx';

export default function DashboardPage() {
  const user = useRequireAuth();
  const { api, reloadMe } = useAuth();
  const { t, locale } = useI18n();
  const [live, setLive] = useState<StreamList | null>(null);
  const [past, setPast] = useState<StreamList | null>(null);
  const [gifters, setGifters] = useState<TopGifters | null>(null);
  const [payouts, setPayouts] = useState<Payout[]>([]);
  const [rates, setRates] = useState<Rates | null>(null);
  const [wallet, setWallet] = useState<Wallet | null>(null);
  const [payoutAccount, setPayoutAccount] = useState<PayoutAccount | null>(null);
  const [connecting, setConnecting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    if (!user) return;
    try {
      const [l, p, g, po, r, w, pa] = await Promise.all([
        api(apiRoutes.listStreams, { query: { streamerId: user.id, status: 'live', limit: 1 } }),
        api(apiRoutes.listStreams, { query: { streamerId: user.id, status: 'ended', limit: 12 } }),
        api(apiRoutes.streamerTopGifters, { params: { id: user.id }, query: { period: 'week' } }),
        api(apiRoutes.myPayouts),
        api(apiRoutes.rates),
        api(apiRoutes.wallet),
        // A server with no payout provider (production without Stripe) answers 503: the rest still shows.
        api(apiRoutes.payoutAccount).catch(() => null),
      ]);
      setLive(l);
      setPast(p);
      setGifters(g);
      setPayouts(po.items);
      setRates(r);
      setWallet(w);
      setPayoutAccount(pa);
    } catch (err) {
      setError(errorText(err, t));
    }
  }, [user, api, t]);
  useEffect(() => {
    void load();
  }, [load]);

  async function requestPayout(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const beans = Number(new FormData(e.currentTarget).get('beans'));
    setError(null);
    try {
      await api(apiRoutes.requestPayout, { body: { beans, idempotencyKey: newIdempotencyKey() } });
      setNotice(t.dashboard.payoutRequested);
      await Promise.all([load(), reloadMe()]);
    } catch (err) {
      setError(errorText(err, t));
    }
  }

  /** Stripe's onboarding page is single use: ask for a fresh link on every click. */
  async function connectPayoutAccount() {
    setError(null);
    setConnecting(true);
    try {
      const { url } = await api(apiRoutes.payoutOnboarding);
      window.location.assign(url);
    } catch (err) {
      setError(errorText(err, t));
      setConnecting(false);
    }
  }

  if (!user) return <p className="muted">{t.common.loading}</p>;
  const payoutsReady = payoutAccount?.status === 'ready';
  // Beans from promotional coins or admin grants show in the balance but can never be paid out.
  const withdrawable = wallet?.withdrawableBeans ?? user.beans;
  const promoBeans = wallet ? wallet.beans - wallet.withdrawableBeans : 0;
  const current = live?.items[0];
  const channelStream = current ?? past?.items[0];
  return (
    <>
      <h1>{t.dashboard.title}</h1>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      <div className="stat-grid" style={{ marginBottom: 18 }}>
        <div className="stat">
          <div className="muted">{t.wallet.availableBeans}</div>
          <div className="stat-value" data-testid="dashboard-beans">
            {user.beans}
          </div>
        </div>
        <div className="stat">
          <div className="muted">{t.dashboard.withdrawable}</div>
          <div className="stat-value" data-testid="dashboard-withdrawable">
            {withdrawable}
          </div>
        </div>
        <div className="stat">
          <div className="muted">{t.wallet.heldBeans}</div>
          <div className="stat-value" data-testid="dashboard-held">
            {wallet?.heldBeans ?? 0}
          </div>
        </div>
        <div className="stat">
          <div className="muted">{t.dashboard.beansEarned}</div>
          <div className="stat-value">{user.stats.beansEarned}</div>
        </div>
        <div className="stat">
          <div className="muted">{t.profile.streams}</div>
          <div className="stat-value">{user.stats.streamsCount}</div>
        </div>
      </div>
      {wallet && <BeanHolds wallet={wallet} holdDays={rates?.beanHoldDays} />}
      <p style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
        <Link className="btn btn-small" href="/wallet#statement" data-testid="dashboard-statement">
          {t.dashboard.statement}
        </Link>
        <Link className="btn btn-small" href="/wallet#limits">
          {t.dashboard.limits}
        </Link>
      </p>
      <section style={{ marginBottom: 18 }}>
        <h2>{t.dashboard.current}</h2>
        {current ? (
          <div className="grid">
            <StreamCard stream={current} t={t} />
          </div>
        ) : (
          <Link className="btn btn-primary" href="/live">
            {t.nav.goLive}
          </Link>
        )}
      </section>
      <div className="watch" style={{ gridTemplateColumns: 'minmax(0,1fr) minmax(0,1fr)' }}>
        <TopGiftersList
          title={t.dashboard.topGifters}
          items={gifters?.items ?? []}
          empty={gifters ? t.dashboard.noGifters : t.common.loading}
        />
        <section className="card">
          <h2>{t.dashboard.payouts}</h2>
          {payoutAccount && (
            <div data-testid="payout-account" data-status={payoutAccount.status} style={{ marginBottom: 12 }}>
              <h3>{t.dashboard.payoutAccount}</h3>
              {payoutAccount.provider === 'dev' ? (
                <p className="hint">{t.dashboard.accountDev}</p>
              ) : payoutAccount.status === 'ready' ? (
                <p className="alert alert-ok">{t.dashboard.accountReady}</p>
              ) : (
                <>
                  <p className="hint">
                    {payoutAccount.status === 'not_connected'
                      ? t.dashboard.accountNotConnected
                      : t.dashboard.accountOnboarding}
                  </p>
                  {payoutAccount.currentlyDue.length > 0 && (
                    <p className="hint" data-testid="payout-account-missing">
                      {t.dashboard.accountMissing(payoutAccount.currentlyDue.join(', '))}
                    </p>
                  )}
                  <button
                    className="btn btn-primary"
                    type="button"
                    onClick={connectPayoutAccount}
                    disabled={connecting}
                  >
                    {payoutAccount.status === 'not_connected'
                      ? t.dashboard.connectAccount
                      : t.dashboard.continueOnboarding}
                  </button>
                </>
              )}
            </div>
          )}
          <form onSubmit={requestPayout} className="row">
            <TextField
              id="beans"
              label={t.dashboard.payoutBeans}
              hiddenLabel
              name="beans"
              type="number"
              style={{ maxWidth: 180 }}
              min={rates?.minPayoutBeans ?? 1}
              max={withdrawable}
              placeholder={t.dashboard.payoutBeans}
              required
            />
            <button
              className="btn btn-primary"
              type="submit"
              disabled={!rates || !payoutsReady || withdrawable < rates.minPayoutBeans}
            >
              {t.dashboard.requestPayout}
            </button>
          </form>
          {rates && <p className="hint">{t.dashboard.minPayout(rates.minPayoutBeans)}</p>}
          {promoBeans > 0 && (
            <p className="hint" data-testid="dashboard-promo-beans">
              {t.dashboard.promoBeans(promoBeans)}
            </p>
          )}
          {notice && (
            <p className="alert alert-ok" role="status">
              {notice}
            </p>
          )}
          <table className="table">
            <tbody>
              {payouts.map((p) => (
                <tr key={p.id} data-testid="payout-row" data-status={p.status}>
                  <td>{new Date(p.createdAt).toLocaleDateString(locale)}</td>
                  <td>{p.beans}</td>
                  <td title={p.reversalReason ?? undefined}>{t.dashboard.payoutStatus[p.status]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      </div>
      <section className="card" style={{ marginTop: 18 }} id="moderation">
        <h2>{t.dashboard.moderation}</h2>
        {channelStream ? (
          <ChatModerationForm streamId={channelStream.id} />
        ) : (
          <p className="muted">{t.dashboard.goLiveFirst}</p>
        )}
      </section>
      <section style={{ marginTop: 18 }}>
        <h2>{t.dashboard.past}</h2>
        {past && past.items.length === 0 && <p className="muted">{t.dashboard.none}</p>}
        <div className="grid">
          {past?.items.map((s) => (
            <div key={s.id}>
              <StreamCard stream={s} t={t} />
              <p className="hint">
                {t.dashboard.peak}: {s.peakViewers} · {t.dashboard.messages}: {s.chatMessagesCount} ·{' '}
                {t.dashboard.gifts}: {s.giftsCount} · {t.dashboard.beansEarned}: {s.beansEarned}
              </p>
            </div>
          ))}
        </div>
      </section>
    </>
  );
}
