'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useAuth } from '../lib/auth-context.tsx';
import { useI18n } from '../lib/i18n.tsx';
import { LOCALE_COOKIE } from '../lib/locale.ts';

export function Header() {
  const { user, logout } = useAuth();
  const { t, locale } = useI18n();
  const router = useRouter();

  const switchLanguage = () => {
    // biome-ignore lint/suspicious/noDocumentCookie: a plain preference cookie the server reads for SSR
    document.cookie = `${LOCALE_COOKIE}=${locale === 'ru' ? 'en' : 'ru'}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  };

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
        <button
          type="button"
          className="btn btn-small"
          onClick={switchLanguage}
          lang={locale === 'ru' ? 'en' : 'ru'}
        >
          {t.nav.language}
        </button>
      </nav>
    </header>
  );
}
