'use client';
import { apiRoutes } from '@airwave/shared';
import { TextField } from '@airwave/ui';
import { type FormEvent, useState } from 'react';
import { errorText } from '../../components/error-text.ts';
import { ResendVerification } from '../../components/ResendVerification.tsx';
import { useAuth, useRequireAuth } from '../../lib/auth-context.tsx';
import { useI18n } from '../../lib/i18n.tsx';

/** The signed-in user's address: whether it is verified (with a resend), and changing it. */
export default function AccountPage() {
  const user = useRequireAuth();
  const { api } = useAuth();
  const { t } = useI18n();
  const [state, setState] = useState<'idle' | 'busy' | { sent: string } | { error: string }>('idle');

  async function change(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const newEmail = String(data.get('newEmail'));
    setState('busy');
    try {
      await api(apiRoutes.changeEmail, {
        body: { newEmail, currentPassword: String(data.get('currentPassword')) },
      });
      form.reset();
      setState({ sent: newEmail });
    } catch (err) {
      setState({ error: errorText(err, t) });
    }
  }

  if (!user) return <p className="muted">{t.common.loading}</p>;
  return (
    <div className="narrow">
      <h1>{t.account.title}</h1>
      <section className="card" aria-labelledby="email-heading">
        <h2 id="email-heading">{t.account.emailLabel}</h2>
        <p style={{ overflowWrap: 'anywhere' }}>
          <strong>{user.email}</strong>{' '}
          <span className={user.emailVerified ? 'muted' : 'alert-error'} data-testid="email-state">
            ({user.emailVerified ? t.account.verified : t.account.notVerified})
          </span>
        </p>
        {!user.emailVerified && <ResendVerification />}
      </section>
      <section className="card" aria-labelledby="change-heading" style={{ marginTop: 16 }}>
        <h2 id="change-heading">{t.account.changeTitle}</h2>
        <p className="muted">{t.account.changeHint}</p>
        <form onSubmit={change}>
          <TextField
            id="newEmail"
            name="newEmail"
            label={t.account.newEmail}
            type="email"
            autoComplete="email"
            required
            maxLength={254}
          />
          <TextField
            id="currentPassword"
            name="currentPassword"
            label={t.account.currentPassword}
            type="password"
            autoComplete="current-password"
            required
            maxLength={128}
          />
          {typeof state === 'object' &&
            ('sent' in state ? (
              <p className="alert alert-ok" role="status">
                {t.account.changeSent(state.sent)}
              </p>
            ) : (
              <p className="alert alert-error" role="alert">
                {state.error}
              </p>
            ))}
          <button className="btn btn-primary" type="submit" disabled={state === 'busy'}>
            {state === 'busy' ? t.auth.working : t.account.changeSubmit}
          </button>
        </form>
      </section>
    </div>
  );
}
