'use client';
import { TextField } from '@airwave/ui';
import { type FormEvent, useState } from 'react';
import { NotStaffError, useAuth } from '../../lib/auth-context.tsx';
import { errorText } from '../../lib/error-text.ts';
import { useI18n } from '../../lib/i18n.tsx';

export default function LoginPage() {
  const { login } = useAuth();
  const { t } = useI18n();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await login({ email, password });
      // The shell sends a signed-in admin to the dashboard, a moderator to streams.
    } catch (err) {
      setError(err instanceof NotStaffError ? t.login.notStaff : errorText(err, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="login">
      <form className="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <div className="brand login-brand">
          <span className="brand-dot" aria-hidden="true" />
          Airwave <span className="brand-tag">{t.app.short}</span>
        </div>
        <h1 id="login-title">{t.login.title}</h1>
        <p className="muted">{t.login.subtitle}</p>
        {error && (
          <div className="alert alert-error" role="alert" data-testid="login-error">
            {error}
          </div>
        )}
        <TextField
          id="email"
          label={t.login.email}
          type="email"
          autoComplete="username"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <TextField
          id="password"
          label={t.login.password}
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button className="btn btn-primary btn-block" type="submit" disabled={busy}>
          {busy ? t.login.submitting : t.login.submit}
        </button>
      </form>
    </div>
  );
}
