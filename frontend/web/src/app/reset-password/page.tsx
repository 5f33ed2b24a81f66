'use client';
import { apiRoutes, weakPasswordAdvice } from '@airwave/shared';
import { TextField } from '@airwave/ui';
import Link from 'next/link';
import { useSearchParams } from 'next/navigation';
import { type FormEvent, Suspense, useState } from 'react';
import { errorText } from '../../components/error-text.ts';
import { ApiError, publicCall } from '../../lib/api.ts';
import { useI18n } from '../../lib/i18n.tsx';

/** Sets a new password with the mailed link; every session ends, so the user signs in again. */
function ResetPassword() {
  const { t } = useI18n();
  const token = useSearchParams().get('token');
  const [state, setState] = useState<'idle' | 'busy' | 'done' | { error: string; advice?: string }>('idle');

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!token) return;
    const password = String(new FormData(e.currentTarget).get('password'));
    setState('busy');
    try {
      await publicCall(apiRoutes.resetPassword, { body: { token, password } });
      setState('done');
    } catch (err) {
      const advice =
        err instanceof ApiError && err.code === 'WEAK_PASSWORD' && weakPasswordAdvice(err.details);
      setState({ error: errorText(err, t), advice: advice || undefined });
    }
  }

  const failed = typeof state === 'object' ? state : undefined;
  return (
    <div className="narrow card">
      <h1>{t.account.resetTitle}</h1>
      {!token ? (
        <p className="alert alert-error" role="alert">
          {t.account.noToken}
        </p>
      ) : state === 'done' ? (
        <p className="alert alert-ok" role="status" data-testid="reset-done">
          {t.account.resetDone}
        </p>
      ) : (
        <form onSubmit={submit}>
          <TextField
            id="password"
            name="password"
            label={t.account.newPassword}
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            maxLength={128}
            hint={failed?.advice ?? t.auth.passwordHint}
          />
          {failed && (
            <p className="alert alert-error" role="alert">
              {failed.error}
            </p>
          )}
          <button
            className="btn btn-primary"
            type="submit"
            disabled={state === 'busy'}
            style={{ width: '100%' }}
          >
            {state === 'busy' ? t.auth.working : t.account.resetSubmit}
          </button>
        </form>
      )}
      <p style={{ marginTop: 16 }}>
        <Link href={failed || !token ? '/forgot-password' : '/login'}>
          {failed || !token ? t.account.forgotSubmit : t.account.backToLogin}
        </Link>
      </p>
    </div>
  );
}

export default function ResetPasswordPage() {
  return (
    <Suspense>
      <ResetPassword />
    </Suspense>
  );
}
