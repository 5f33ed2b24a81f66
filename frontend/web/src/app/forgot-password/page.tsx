'use client';
import { apiRoutes } from '@airwave/shared';
import { TextField } from '@airwave/ui';
import Link from 'next/link';
import { type FormEvent, useState } from 'react';
import { errorText } from '../../components/error-text.ts';
import { publicCall } from '../../lib/api.ts';
import { useI18n } from '../../lib/i18n.tsx';

/** Asks for a reset link. The answer is the same whether or not the address has an account. */
export default function ForgotPasswordPage() {
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'busy' | 'sent' | { error: string }>('idle');

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const email = String(new FormData(e.currentTarget).get('email'));
    setState('busy');
    try {
      await publicCall(apiRoutes.forgotPassword, { body: { email } });
      setState('sent');
    } catch (err) {
      setState({ error: errorText(err, t) });
    }
  }

  return (
    <div className="narrow card">
      <h1>{t.account.forgotTitle}</h1>
      {state === 'sent' ? (
        <p className="alert alert-ok" role="status" data-testid="forgot-sent">
          {t.account.forgotSent}
        </p>
      ) : (
        <form onSubmit={submit}>
          <p className="muted">{t.account.forgotIntro}</p>
          <TextField
            id="email"
            name="email"
            label={t.auth.email}
            type="email"
            autoComplete="email"
            required
            maxLength={254}
          />
          {typeof state === 'object' && (
            <p className="alert alert-error" role="alert">
              {state.error}
            </p>
          )}
          <button
            className="btn btn-primary"
            type="submit"
            disabled={state === 'busy'}
            style={{ width: '100%' }}
          >
            {state === 'busy' ? t.auth.working : t.account.forgotSubmit}
          </button>
        </form>
      )}
      <p style={{ marginTop: 16 }}>
        <Link href="/login">{t.account.backToLogin}</Link>
      </p>
    </div>
  );
}
