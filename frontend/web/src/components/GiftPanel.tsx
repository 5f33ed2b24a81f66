'use client';
import { createGiftSender } from '@airwave/client';
import { apiRoutes, type GiftItem, MAX_GIFT_COMBO } from '@airwave/shared';
import Link from 'next/link';
import { useEffect, useMemo, useState } from 'react';
import { publicCall } from '../lib/api.ts';
import { useAuth } from '../lib/auth-context.tsx';
import { useI18n } from '../lib/i18n.tsx';
import type { AirwaveSocket } from '../lib/socket-context.tsx';
import { ackErrorText } from './error-text.ts';
import { giftIcon } from './gift-icons.ts';

const COMBOS = [1, 5, 10];

/** The gift catalog with prices, what the streamer receives, combo sending and the way to more coins. */
export function GiftPanel({
  socket,
  streamId,
  disabled,
}: {
  socket: AirwaveSocket;
  streamId: string;
  disabled: boolean;
}) {
  const { t } = useI18n();
  const { user, setCoins } = useAuth();
  const [catalog, setCatalog] = useState<GiftItem[] | null>(null);
  const [loadError, setLoadError] = useState(false);
  const [selected, setSelected] = useState<GiftItem | null>(null);
  const [count, setCount] = useState(1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; funds: boolean } | null>(null);
  const gifts = useMemo(() => createGiftSender(socket, streamId), [socket, streamId]);

  useEffect(() => {
    publicCall(apiRoutes.giftCatalog)
      .then((c) => {
        setCatalog(c.items);
        setSelected(c.items[0] ?? null);
      })
      .catch(() => setLoadError(true));
  }, []);

  async function send() {
    if (!selected) return;
    setBusy(true);
    setError(null);
    const res = await gifts.send(selected.id, count);
    setBusy(false);
    if (res.ok) setCoins(res.coins);
    else setError({ text: ackErrorText(res.error, t), funds: res.error.code === 'INSUFFICIENT_FUNDS' });
  }

  if (!user) {
    return (
      <section className="card" aria-label={t.gifts.title}>
        <h2>{t.gifts.title}</h2>
        <Link className="btn" href={`/login?next=/streams/${streamId}`}>
          {t.gifts.signIn}
        </Link>
      </section>
    );
  }
  const total = selected ? selected.costCoins * count : 0;
  return (
    <section className="card" aria-label={t.gifts.title} data-testid="gift-panel">
      <div className="row">
        <h2 style={{ margin: 0 }}>{t.gifts.title}</h2>
        <span className="spacer" />
        <span className="muted" data-testid="gift-balance">
          {t.gifts.balance(user.coins)}
        </span>
      </div>
      {loadError && <p className="alert alert-error">{t.common.networkError}</p>}
      {!catalog && !loadError && <p className="muted">{t.common.loading}</p>}
      {catalog && (
        <fieldset className="gift-grid" style={{ marginTop: 10 }}>
          <legend className="visually-hidden">{t.gifts.title}</legend>
          {catalog.map((g) => (
            <button
              key={g.id}
              type="button"
              className="gift"
              aria-pressed={selected?.id === g.id}
              onClick={() => setSelected(g)}
              data-testid={`gift-${g.slug}`}
            >
              <span className="gift-icon" aria-hidden="true">
                {giftIcon(g.icon)}
              </span>
              <span>{g.name}</span>
              <span className="gift-cost">🪙 {g.costCoins}</span>
            </button>
          ))}
        </fieldset>
      )}
      {selected && (
        <div style={{ marginTop: 12 }}>
          <fieldset className="row">
            <legend className="muted" style={{ float: 'left', marginRight: 8 }}>
              {t.gifts.combo}
            </legend>
            {COMBOS.filter((c) => c <= MAX_GIFT_COMBO).map((c) => (
              <button
                key={c}
                type="button"
                className="btn btn-small"
                aria-pressed={count === c}
                onClick={() => setCount(c)}
              >
                ×{c}
              </button>
            ))}
          </fieldset>
          <p className="hint" data-testid="gift-receives">
            {t.gifts.receives(selected.beansValue * count)}
          </p>
          <button
            type="button"
            className="btn btn-primary"
            onClick={() => void send()}
            disabled={busy || disabled}
            data-testid="send-gift"
            style={{ width: '100%' }}
          >
            {t.gifts.send} {giftIcon(selected.icon)} {selected.name}
            {count > 1 ? ` ×${count}` : ''} · 🪙 {total}
          </button>
        </div>
      )}
      {error && (
        <div className="alert alert-error" role="alert">
          {error.text}{' '}
          {error.funds && (
            <Link href="/wallet" className="btn btn-small">
              {t.gifts.buyCoins}
            </Link>
          )}
        </div>
      )}
    </section>
  );
}
