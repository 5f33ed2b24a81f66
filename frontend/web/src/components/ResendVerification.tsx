'use client';
import { apiRoutes } from '@airwave/shared';
import { useState } from 'react';
import { useAuth } from '../lib/auth-context.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { errorText } from './error-text.ts';

/** Mails the signed-in user a new verification link, and says that it did (or why not). */
export function ResendVerification() {
  const { t } = useI18n();
  const { api } = useAuth();
  const [state, setState] = useState<'idle' | 'busy' | 'sent' | { error: string }>('idle');

  async function resend() {
    setState('busy');
    try {
      await api(apiRoutes.resendVerification);
      setState('sent');
    } catch (err) {
      setState({ error: errorText(err, t) });
    }
  }

  return (
    <div className="resend">
      <button
        type="button"
        className="btn btn-small"
        onClick={resend}
        disabled={state === 'busy' || state === 'sent'}
      >
        {state === 'busy' ? t.auth.working : t.account.resend}
      </button>
      {state === 'sent' && (
        <span role="status" className="hint">
          {t.account.resent}
        </span>
      )}
      {typeof state === 'object' && (
        <span role="alert" className="hint alert-error">
          {state.error}
        </span>
      )}
    </div>
  );
}
