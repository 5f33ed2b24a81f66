'use client';
import { type AdminPeriod, apiRoutes } from '@airwave/shared';
import Link from 'next/link';
import { useState } from 'react';
import { BarChart } from '../components/Charts.tsx';
import { ErrorState, Loading, PageHeader } from '../components/states.tsx';
import { fmtDate, fmtNumber } from '../lib/format.ts';
import { useResource } from '../lib/hooks.ts';
import { useI18n } from '../lib/i18n.tsx';

const PERIODS: AdminPeriod[] = ['today', '7d', '30d'];

export default function DashboardPage() {
  const { t, locale } = useI18n();
  const [period, setPeriod] = useState<AdminPeriod>('today');
  const figures = useResource(apiRoutes.dashboard, { query: { period } });
  // The charts always show the last 30 days, whatever period the figures cover.
  const month = useResource(apiRoutes.dashboard, { query: { period: '30d' } });
  const d = figures.data;
  const n = (v: number) => fmtNumber(v, locale);

  return (
    <>
      <PageHeader title={t.dashboard.title}>
        <fieldset className="segmented">
          <legend className="visually-hidden">{t.dashboard.period}</legend>
          {PERIODS.map((p) => (
            <label key={p} className={period === p ? 'on' : undefined}>
              <input
                type="radio"
                name="period"
                value={p}
                checked={period === p}
                onChange={() => setPeriod(p)}
              />
              {t.dashboard.periods[p]}
            </label>
          ))}
        </fieldset>
      </PageHeader>
      {figures.error ? (
        <ErrorState error={figures.error} onRetry={figures.reload} />
      ) : !d ? (
        <Loading />
      ) : (
        <>
          <p className="muted small">{t.dashboard.since(fmtDate(d.since, locale))}</p>
          <section className="stats" aria-label={t.dashboard.title} aria-busy={figures.loading}>
            <Stat label={t.dashboard.liveStreams} value={n(d.liveStreams)} live href="/streams" />
            <Stat label={t.dashboard.viewersNow} value={n(d.viewersNow)} />
            <Stat label={t.dashboard.registrations} value={n(d.registrations)} href="/users" />
            <Stat
              label={t.dashboard.coinsSold}
              value={n(d.coinsSold)}
              sub={t.dashboard.paymentsCompleted(d.paymentsCompleted)}
              href="/payments"
            />
            <Stat
              label={t.dashboard.giftsSent}
              value={n(d.giftsSent)}
              sub={t.dashboard.giftCoins(d.giftCoins)}
            />
            <Stat label={t.dashboard.beansEarned} value={n(d.beansEarned)} />
            <Stat
              label={t.dashboard.payoutsPending}
              value={n(d.payoutsPending.count)}
              sub={t.dashboard.payoutsPendingBeans(d.payoutsPending.beans)}
              href="/payouts"
              warn={d.payoutsPending.count > 0}
            />
          </section>
        </>
      )}
      <h2 className="section-title">{t.dashboard.charts}</h2>
      {month.error ? (
        <ErrorState error={month.error} onRetry={month.reload} />
      ) : !month.data ? (
        <Loading />
      ) : (
        <div className="charts">
          <BarChart
            title={t.dashboard.chartRegistrations}
            points={month.data.series.map((p) => ({ date: p.date, value: p.registrations }))}
            color="#7cc4ff"
          />
          <BarChart
            title={t.dashboard.chartCoins}
            points={month.data.series.map((p) => ({ date: p.date, value: p.coinsSold }))}
            color="#ffb020"
          />
          <BarChart
            title={t.dashboard.chartGifts}
            points={month.data.series.map((p) => ({ date: p.date, value: p.gifts }))}
          />
        </div>
      )}
    </>
  );
}

function Stat({
  label,
  value,
  sub,
  href,
  live,
  warn,
}: {
  label: string;
  value: string;
  sub?: string;
  href?: string;
  live?: boolean;
  warn?: boolean;
}) {
  const body = (
    <>
      <span className="stat-label">
        {live && <span className="live-dot" aria-hidden="true" />}
        {label}
      </span>
      <span className={`stat-value${warn ? ' warn' : ''}`}>{value}</span>
      {sub && <span className="stat-sub">{sub}</span>}
    </>
  );
  return href ? (
    <Link href={href} className="stat card" data-testid="stat">
      {body}
    </Link>
  ) : (
    <div className="stat card" data-testid="stat">
      {body}
    </div>
  );
}
