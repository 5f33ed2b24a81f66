'use client';
import type { GiftEvent } from '@airwave/shared';
import { useI18n } from '../lib/i18n.tsx';
import { giftIcon } from './gift-icons.ts';

/** Gifts rising over the video; each plays once (keyed by id) and fades by itself. */
export function GiftOverlay({ gifts }: { gifts: GiftEvent[] }) {
  const { t } = useI18n();
  return (
    <div className="gift-layer" aria-live="polite" data-testid="gift-overlay">
      {gifts.map((g, i) => (
        <div key={g.id} className="gift-pop" style={{ bottom: 60 + (i % 3) * 48 }} data-testid="gift-pop">
          <span aria-hidden="true">{giftIcon(g.gift.icon)} </span>
          {g.sender.nickname}: {t.gifts.sent(g.gift.name, g.count)}
          {g.comboCount > 1 ? ` · ${t.gifts.combo} ${g.comboCount}` : ''}
        </div>
      ))}
    </div>
  );
}
