'use client';
import { followsApi, toggleFollow } from '@airwave/client';
import type { FollowState } from '@airwave/shared';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useMemo, useState } from 'react';
import { useAuth } from '../lib/auth-context.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { errorText } from './error-text.ts';

/**
 * Follow / Following with the channel's follower count. The flip shows at once and is rolled back
 * with the reason when the server refuses; signed out, it leads to sign-in and back.
 */
export function FollowButton({ streamerId, nickname }: { streamerId: string; nickname: string }) {
  const { t } = useI18n();
  const { user, api } = useAuth();
  const pathname = usePathname();
  const follows = useMemo(() => followsApi(api), [api]);
  const [state, setState] = useState<FollowState | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // Wait for the session: the answer says whether *this* viewer follows.
    if (user === undefined) return;
    let live = true;
    follows.state(streamerId).then(
      (s) => live && setState(s),
      (err: unknown) => live && setError(errorText(err, t)),
    );
    return () => {
      live = false;
    };
  }, [follows, streamerId, user, t]);

  async function toggle() {
    if (!state) return;
    setBusy(true);
    setError(null);
    try {
      await toggleFollow(follows, state, setState);
    } catch (err) {
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  const count = state && (
    <span className="muted" data-testid="follower-count">
      {t.follows.followers(state.followerCount)}
    </span>
  );
  return (
    <span className="follow">
      {user === null ? (
        <Link className="btn btn-primary" href={`/login?next=${encodeURIComponent(pathname)}`}>
          {t.follows.follow}
        </Link>
      ) : user && user.id !== streamerId ? (
        <button
          type="button"
          className={`btn ${state?.following ? '' : 'btn-primary'}`}
          aria-pressed={state?.following ?? false}
          aria-label={state?.following ? t.follows.unfollowFrom(nickname) : t.follows.followTo(nickname)}
          disabled={!state || busy}
          onClick={toggle}
        >
          {state?.following ? t.follows.following : t.follows.follow}
        </button>
      ) : null}
      {count}
      {error && (
        <span className="alert alert-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
