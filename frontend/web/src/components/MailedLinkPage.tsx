'use client';
import { type accountRoutes, apiRoutes } from '@airwave/shared';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { publicCall } from '../lib/api.ts';
import { useAuth } from '../lib/auth-context.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { errorText } from './error-text.ts';

type LinkRoute = 'verifyEmail' | 'confirmEmailChange';

/**
 * A page a mailed link opens (`?token=…`): it spends the token once, shows progress, then success
 * or why it failed. Works signed out too (the token is the proof); a signed-in tab refreshes its user.
 */
export function MailedLinkPage({
  route,
  title,
  working,
  done,
  failedHint,
}: {
  route: LinkRoute & keyof typeof accountRoutes;
  title: string;
  working: string;
  done: ReactNode;
  failedHint: ReactNode;
}) {
  const { t } = useI18n();
  const { user, reloadMe } = useAuth();
  const token = useSearchParams().get('token');
  const [state, setState] = useState<'working' | 'done' | { error: string }>('working');
  const sent = useRef(false);

  useEffect(() => {
    // Once: a link works once, and React may run this effect twice in development.
    if (sent.current || !token) return;
    sent.current = true;
    publicCall(apiRoutes[route], { body: { token } })
      .then(() => setState('done'))
      .catch((err: unknown) => setState({ error: errorText(err, t) }));
  }, [route, token, t]);

  // A signed-in tab shows the new state at once, once its session is back (signed out: nothing to reload).
  const reloaded = useRef(false);
  useEffect(() => {
    if (state !== 'done' || !user || reloaded.current) return;
    reloaded.current = true;
    void reloadMe().catch(() => undefined);
  }, [state, user, reloadMe]);

  return (
    <div className="narrow card">
      <h1>{title}</h1>
      {!token ? (
        <p className="alert alert-error" role="alert">
          {t.account.noToken}
        </p>
      ) : state === 'working' ? (
        <p role="status" aria-live="polite">
          {working}
        </p>
      ) : state === 'done' ? (
        <div className="alert alert-ok" role="status" data-testid="link-done">
          {done}
        </div>
      ) : (
        <>
          <p className="alert alert-error" role="alert">
            {t.account.verifyFailed} {state.error}
          </p>
          {failedHint}
        </>
      )}
      <p style={{ marginTop: 16 }}>
        <Link href={user ? '/account' : '/login'}>{user ? t.nav.account : t.nav.login}</Link>
      </p>
    </div>
  );
}
