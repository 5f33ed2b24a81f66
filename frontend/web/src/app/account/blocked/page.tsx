'use client';
import { useBlocks } from '@airwave/client/react';
import Link from 'next/link';
import { useState } from 'react';
import { errorText } from '../../../components/error-text.ts';
import { useRequireAuth } from '../../../lib/auth-context.tsx';
import { useI18n } from '../../../lib/i18n.tsx';

/** The signed-in user's blocked users, newest first, each with Unblock. */
export default function BlockedUsersPage() {
  const user = useRequireAuth();
  const { t, locale } = useI18n();
  const { items, status, list } = useBlocks();
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(action: () => Promise<void> | undefined, id: string | null) {
    setBusy(id);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(null);
    }
  }

  if (!user) return <p className="muted">{t.blocks.loading}</p>;
  return (
    <section className="card">
      <h1>{t.blocks.title}</h1>
      <p className="muted">{t.blocks.intro}</p>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {status === 'loading' && <p className="muted">{t.blocks.loading}</p>}
      {status === 'failed' && (
        <p className="alert alert-error" role="alert">
          {t.blocks.loadFailed}{' '}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void run(() => list?.load(), 'load')}
          >
            {t.blocks.retry}
          </button>
        </p>
      )}
      {status === 'ready' && items.length === 0 && <p data-testid="blocked-empty">{t.blocks.empty}</p>}
      {items.length > 0 && (
        <ul style={{ listStyle: 'none', padding: 0, margin: 0 }} data-testid="blocked-list">
          {items.map((b) => (
            <li key={b.user.id} className="row" style={{ gap: 12, padding: '8px 0' }}>
              <Link href={`/u/${b.user.id}`}>{b.user.nickname}</Link>
              <span className="muted">
                {t.blocks.blockedOn(new Date(b.blockedAt).toLocaleDateString(locale))}
              </span>
              <span className="spacer" />
              <button
                type="button"
                className="btn btn-small"
                disabled={busy === b.user.id}
                aria-label={`${t.blocks.unblock} ${b.user.nickname}`}
                onClick={() => void run(() => list?.unblock(b.user.id), b.user.id)}
              >
                {t.blocks.unblock}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
