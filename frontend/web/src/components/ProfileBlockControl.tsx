'use client';
import { useBlocks } from '@airwave/client/react';
import Link from 'next/link';
import { useState } from 'react';
import { useAuth } from '../lib/auth-context.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { errorText } from './error-text.ts';

/**
 * On a profile page: Block / Unblock for a signed-in visitor, the way to one's blocked users on
 * one's own page, nothing for a signed-out one. The page itself is public and the same for all.
 */
export function ProfileBlockControl({ userId, nickname }: { userId: string; nickname: string }) {
  const { user } = useAuth();
  const { t } = useI18n();
  const { ids, list } = useBlocks();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!user || !list) return null;
  if (user.id === userId) {
    return (
      <Link className="btn" href="/account/blocked">
        {t.blocks.title}
      </Link>
    );
  }
  const isBlocked = ids.has(userId);
  async function toggle() {
    setBusy(true);
    setError(null);
    try {
      await (isBlocked ? list?.unblock(userId) : list?.block(userId));
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }
  return (
    <div>
      <button
        type="button"
        className="btn"
        onClick={() => void toggle()}
        disabled={busy}
        aria-label={isBlocked ? `${t.blocks.unblock} ${nickname}` : t.blocks.blockUser(nickname)}
        data-testid="profile-block"
      >
        {isBlocked ? t.blocks.unblock : t.blocks.block}
      </button>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
