'use client';
import { detailsOf, safeRedirectPath } from '@airwave/client';
import { weakPasswordAdvice } from '@airwave/shared';
import Link from 'next/link';
import { useRouter, useSearchParams } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { ApiError } from '../lib/api.ts';
import { useAuth } from '../lib/auth-context.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { errorText } from './error-text.ts';

/** Sign-in and registration share one form; registration adds the nickname. */
export function AuthForm({ mode }: { mode: 'login' | 'register' }) {
  const { t } = useI18n();
  const auth = useAuth();
  const router = useRouter();
  const params = useSearchParams();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  // Passed on to the other form as it came; only safeRedirectPath decides where it may lead.
  const next = params.get('next');

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const email = String(form.get('email'));
    const password = String(form.get('password'));
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      if (mode === 'login') await auth.login({ email, password });
      else await auth.register({ email, password, nickname: String(form.get('nickname')) });
      router.replace(safeRedirectPath(next, window.location.origin));
    } catch (err) {
      const issues = detailsOf(err, 'VALIDATION_FAILED');
      if (issues) {
        setFieldErrors(Object.fromEntries(issues.map((i) => [i.path.split('.').pop() ?? i.path, i.message])));
      }
      // The server says why the password is weak and what would help; show it under the field.
      const advice =
        err instanceof ApiError && err.code === 'WEAK_PASSWORD' && weakPasswordAdvice(err.details);
      if (advice) setFieldErrors({ password: advice });
      setError(errorText(err, t));
    } finally {
      setBusy(false);
    }
  }

  const field = (name: string, label: string, props: Record<string, unknown>, hint?: string) => (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input
        id={name}
        name={name}
        className="input"
        required
        aria-invalid={fieldErrors[name] ? true : undefined}
        aria-describedby={fieldErrors[name] || hint ? `${name}-hint` : undefined}
        {...props}
      />
      {(fieldErrors[name] || hint) && (
        <span id={`${name}-hint`} className={fieldErrors[name] ? 'hint alert-error' : 'hint'}>
          {fieldErrors[name] ?? hint}
        </span>
      )}
    </div>
  );

  return (
    <div className="narrow card">
      <h1>{mode === 'login' ? t.auth.loginTitle : t.auth.registerTitle}</h1>
      <form onSubmit={submit} noValidate={false}>
        {field('email', t.auth.email, { type: 'email', autoComplete: 'email', maxLength: 254 })}
        {mode === 'register' &&
          field('nickname', t.auth.nickname, { autoComplete: 'nickname', minLength: 3, maxLength: 30 })}
        {field(
          'password',
          t.auth.password,
          {
            type: 'password',
            autoComplete: mode === 'login' ? 'current-password' : 'new-password',
            minLength: mode === 'register' ? 8 : 1,
            maxLength: 128,
          },
          mode === 'register' ? t.auth.passwordHint : undefined,
        )}
        {error && (
          <div className="alert alert-error" role="alert">
            {error}
          </div>
        )}
        <button className="btn btn-primary" type="submit" disabled={busy} style={{ width: '100%' }}>
          {busy ? t.auth.working : mode === 'login' ? t.auth.submitLogin : t.auth.submitRegister}
        </button>
      </form>
      <p className="muted" style={{ marginTop: 16 }}>
        {mode === 'login' ? t.auth.noAccount : t.auth.haveAccount}{' '}
        <Link
          href={`${mode === 'login' ? '/register' : '/login'}${next ? `?next=${encodeURIComponent(next)}` : ''}`}
        >
          {mode === 'login' ? t.nav.register : t.nav.login}
        </Link>
      </p>
    </div>
  );
}
