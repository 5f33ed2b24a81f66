'use client';
import type { Wallet } from '@airwave/shared';
import { useI18n } from '../lib/i18n.tsx';

/** Gift beans on hold, lot by lot with the time each frees up (shown on the wallet and the dashboard). */
export function BeanHolds({ wallet, holdDays }: { wallet: Wallet; holdDays: number | undefined }) {
  const { t, locale } = useI18n();
  if (wallet.heldBeans === 0) return null;
  const listed = wallet.holds.reduce((sum, h) => sum + h.beans, 0);
  return (
    <section
      className="card"
      aria-labelledby="holds-heading"
      data-testid="bean-holds"
      style={{ marginBottom: 18 }}
    >
      <h2 id="holds-heading">{t.wallet.holdsTitle}</h2>
      {holdDays !== undefined && <p className="hint">{t.wallet.holdsHint(holdDays)}</p>}
      <ul>
        {wallet.holds.map((h) => (
          <li key={h.id} data-testid="bean-hold">
            <time dateTime={h.releasesAt}>
              {t.wallet.holdFreesUp(h.beans, new Date(h.releasesAt).toLocaleString(locale))}
            </time>
          </li>
        ))}
        {listed < wallet.heldBeans && <li>{t.wallet.moreHolds(wallet.heldBeans - listed)}</li>}
      </ul>
    </section>
  );
}
