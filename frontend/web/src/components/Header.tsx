'use client';
import { LanguageButton } from '@airwave/ui';
import Link from 'next/link';
import { useAuth } from '../lib/auth-context.tsx';
import { useI18n } from '../lib/i18n.tsx';

export function Header() {
  const { user, logout } = useAuth();
  const { t, locale } = useI18n();

  return (
    <header className="topbar">
      <Link href="/" className="brand" aria-label={`${t.app.name} — ${t.nav.home}`}>
        <span className="brand-dot" aria-hidden="true" />
        {t.app.name}
      </Link>
      <nav aria-label="Main">
        <Link className="nav-link nav-home" href="/">
          {t.nav.home}
        </Link>
        {user && (
          <>
            <Link className="nav-link" href="/live">
              {t.nav.goLive}
            </Link>
            <Link className="nav-link" href="/dashboard">
              {t.nav.dashboard}
            </Link>
            <Link className="nav-link" href="/wallet" data-testid="coin-balance">
              <span className="coin-pill">🪙 {user.coins}</span>
            </Link>
            <Link className="nav-link" href={`/u/${user.id}`}>
              {user.nickname}
            </Link>
            <button type="button" className="btn btn-small" onClick={() => void logout()}>
              {t.nav.logout}
            </button>
          </>
        )}
        {user === null && (
          <>
            <Link className="nav-link" href="/login">
              {t.nav.login}
            </Link>
            <Link className="btn btn-primary btn-small" href="/register">
              {t.nav.register}
            </Link>
          </>
        )}
        <LanguageButton locale={locale} label={t.nav.language} />
      </nav>
    </header>
  );
}
