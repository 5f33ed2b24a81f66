'use client';
import { apiRoutes, type MyLimits, type Receipt } from '@airwave/shared';
import { useCallback, useEffect, useState } from 'react';
import { useAuth } from '../lib/auth-context.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { errorText } from './error-text.ts';

const money = (cents: number, currency: string, locale: string) =>
  new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase() }).format(cents / 100);

/** Purchase and gift limits, and the form to lower (or, after a cooling-off period, raise) one's own gift cap. */
export function LimitsCard() {
  const { api } = useAuth();
  const { t, locale } = useI18n();
  const [limits, setLimits] = useState<MyLimits | null>(null);
  const [value, setValue] = useState('');
  const [note, setNote] = useState<{ ok: boolean; text: string } | null>(null);
  const when = (iso: string) => new Date(iso).toLocaleString(locale);

  const load = useCallback(async () => {
    try {
      setLimits(await api(apiRoutes.myLimits));
    } catch (err) {
      setNote({ ok: false, text: errorText(err, t) });
    }
  }, [api, t]);
  useEffect(() => void load(), [load]);

  async function save(coinsPerDay: number | null) {
    setNote(null);
    try {
      setLimits(await api(apiRoutes.setGiftLimit, { body: { coinsPerDay } }));
      setNote({ ok: true, text: t.wallet.limitSaved });
      setValue('');
    } catch (err) {
      setNote({ ok: false, text: errorText(err, t) });
    }
  }

  const g = limits?.gifts;
  return (
    <section className="card" style={{ marginTop: 20 }} aria-labelledby="limits-heading" id="limits">
      <h2 id="limits-heading">{t.wallet.limits}</h2>
      <p className="hint">{t.wallet.limitsHint}</p>
      {!limits && !note && <p className="muted">{t.common.loading}</p>}
      {limits && g && (
        <table className="table" data-testid="limits-table">
          <tbody>
            <tr>
              <td>{t.wallet.giftLimit}</td>
              <td data-testid="gift-limit">{t.wallet.used(g.used, g.limit)}</td>
              <td className="muted">{t.wallet.resets(when(g.resetsAt))}</td>
            </tr>
            <tr>
              <td>{t.wallet.purchaseDaily}</td>
              <td>{t.wallet.used(limits.purchases.daily.used, limits.purchases.daily.limit)}</td>
              <td className="muted">{t.wallet.resets(when(limits.purchases.daily.resetsAt))}</td>
            </tr>
            <tr>
              <td>{t.wallet.purchaseMonthly}</td>
              <td>{t.wallet.used(limits.purchases.monthly.used, limits.purchases.monthly.limit)}</td>
              <td className="muted">{t.wallet.resets(when(limits.purchases.monthly.resetsAt))}</td>
            </tr>
          </tbody>
        </table>
      )}
      {limits?.purchases.availableAt && (
        <p className="hint">{t.wallet.buyFrom(when(limits.purchases.availableAt))}</p>
      )}
      {g && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (value.trim() !== '') void save(Number(value));
          }}
        >
          <p className="hint">{t.wallet.platformLimit(g.platformLimit)}</p>
          {g.pendingRaise && (
            <p className="hint" data-testid="pending-raise">
              {t.wallet.pendingRaise(g.pendingRaise.to, when(g.pendingRaise.effectiveAt))}
            </p>
          )}
          <div className="field">
            <label htmlFor="own-gift-limit">{t.wallet.ownLimit}</label>
            <input
              id="own-gift-limit"
              className="input"
              type="number"
              min={0}
              step={1}
              inputMode="numeric"
              value={value}
              placeholder={g.ownLimit === null ? '' : String(g.ownLimit)}
              onChange={(e) => setValue(e.target.value)}
              aria-describedby="own-gift-limit-hint"
            />
            <div className="hint" id="own-gift-limit-hint">
              {t.wallet.ownLimitHint(g.coolingOffHours)}
            </div>
          </div>
          <div style={{ display: 'flex', gap: 8, flexWrap: 'wrap' }}>
            <button type="submit" className="btn btn-primary" data-testid="set-gift-limit">
              {t.wallet.setLimit}
            </button>
            {g.ownLimit !== null && (
              <button type="button" className="btn" onClick={() => void save(null)}>
                {t.wallet.removeLimit}
              </button>
            )}
          </div>
        </form>
      )}
      {note && (
        <p className={note.ok ? 'alert alert-ok' : 'alert alert-error'} role={note.ok ? 'status' : 'alert'}>
          {note.text}
        </p>
      )}
    </section>
  );
}

/** Receipts for the user's purchases. */
export function ReceiptsCard({ receipts }: { receipts: Receipt[] | null }) {
  const { t, locale } = useI18n();
  return (
    <section className="card" style={{ marginTop: 20 }} aria-labelledby="receipts-heading" id="receipts">
      <h2 id="receipts-heading">{t.wallet.receipts}</h2>
      {receipts === null && <p className="muted">{t.common.loading}</p>}
      {receipts?.length === 0 && <p className="muted">{t.wallet.receiptsEmpty}</p>}
      {receipts && receipts.length > 0 && (
        <div style={{ overflowX: 'auto' }}>
          <table className="table" data-testid="receipts-table">
            <thead>
              <tr>
                <th>{t.wallet.receiptDate}</th>
                <th>{t.wallet.receiptPackage}</th>
                <th>{t.wallet.receiptAmount}</th>
                <th>{t.wallet.receiptStatus}</th>
                <th>{t.wallet.receiptReference}</th>
              </tr>
            </thead>
            <tbody>
              {receipts.map((r) => (
                <tr key={r.id}>
                  <td>{new Date(r.createdAt).toLocaleString(locale)}</td>
                  <td>
                    {r.packageId} · {r.coins} {t.common.coins}
                  </td>
                  <td>{money(r.amountCents, r.currency, locale)}</td>
                  <td>{t.wallet.statuses[r.status] ?? r.status}</td>
                  <td style={{ wordBreak: 'break-all' }}>
                    <code>{r.reference ?? '—'}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Downloads the CSV statement of beans for a period (the route needs the bearer token, so no plain link). */
export function StatementCard() {
  const { api } = useAuth();
  const { t } = useI18n();
  const now = new Date();
  const [from, setFrom] = useState(isoDay(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))));
  const [to, setTo] = useState(isoDay(now));
  const [error, setError] = useState<string | null>(null);

  async function download() {
    setError(null);
    try {
      const csv = await api(apiRoutes.statement, { query: { from, to } });
      const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
      const a = document.createElement('a');
      a.href = url;
      a.download = `airwave-statement-${from}-${to}.csv`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (err) {
      setError(errorText(err, t));
    }
  }

  return (
    <section className="card" style={{ marginTop: 20 }} aria-labelledby="statement-heading" id="statement">
      <h2 id="statement-heading">{t.wallet.statement}</h2>
      <p className="hint">{t.wallet.statementHint}</p>
      <form
        style={{ display: 'flex', gap: 12, flexWrap: 'wrap', alignItems: 'flex-end' }}
        onSubmit={(e) => {
          e.preventDefault();
          void download();
        }}
      >
        <div className="field">
          <label htmlFor="statement-from">{t.wallet.statementFrom}</label>
          <input
            id="statement-from"
            className="input"
            type="date"
            value={from}
            onChange={(e) => setFrom(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="statement-to">{t.wallet.statementTo}</label>
          <input
            id="statement-to"
            className="input"
            type="date"
            value={to}
            onChange={(e) => setTo(e.target.value)}
          />
        </div>
        <button type="submit" className="btn" data-testid="statement-download">
          {t.wallet.statementDownload}
        </button>
      </form>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
