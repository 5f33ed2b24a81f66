'use client';
import { LanguageButton } from '@airwave/ui';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useState } from 'react';
import { useAuth } from '../lib/auth-context.tsx';
import { useI18n } from '../lib/i18n.tsx';

/**
 * The top bar. On a phone-sized screen the links fold into a menu (the row would run off the screen),
 * while the brand and the coin balance stay in sight.
 */
export function Header() {
  const { user, logout } = useAuth();
  const { t, locale } = useI18n();
  const pathname = usePathname();
  const [menuOpen, setMenuOpen] = useState(false);

  // A followed link closes the menu; so does Escape.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the path changing is the trigger
  useEffect(() => setMenuOpen(false), [pathname]);
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setMenuOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  return (
    <header className="topbar">
      <Link href="/" className="brand" aria-label={`${t.app.name} — ${t.nav.home}`}>
        <span className="brand-dot" aria-hidden="true" />
        {t.app.name}
      </Link>
      {user && (
        <Link
          className="nav-link coin-link"
          href="/wallet"
          data-testid="coin-balance"
          aria-label={`${t.nav.wallet}: ${user.coins}`}
        >
          <span className="coin-pill">🪙 {user.coins}</span>
        </Link>
      )}
      <button
        type="button"
        className="btn btn-small menu-button"
        aria-expanded={menuOpen}
        aria-controls="main-nav"
        onClick={() => setMenuOpen((open) => !open)}
        data-testid="menu-button"
      >
        {menuOpen ? t.nav.closeMenu : t.nav.menu}
      </button>
      <nav id="main-nav" aria-label={t.nav.label} className={menuOpen ? 'open' : undefined}>
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
            <Link className="nav-link" href="/account">
              {t.nav.account}
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
