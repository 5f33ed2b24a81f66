'use client';
import { LanguageButton } from '@airwave/ui';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { useAuth } from '../lib/auth-context.tsx';
import { useI18n } from '../lib/i18n.tsx';

/**
 * The top bar. On a phone-sized screen the links fold into a disclosure menu (the row would run off
 * the screen), while the brand and the coin balance stay in sight. The open menu closes on Escape
 * (focus goes back to its button, so a keyboard user is not left on a hidden link), on a tap or
 * focus outside the bar, and when a link is followed.
 */
export function Header() {
  const { user, logout } = useAuth();
  const { t, locale } = useI18n();
  const pathname = usePathname();
  const [menuOpen, setMenuOpen] = useState(false);
  const bar = useRef<HTMLElement>(null);
  const menuButton = useRef<HTMLButtonElement>(null);

  // biome-ignore lint/correctness/useExhaustiveDependencies: the path changing is the trigger
  useEffect(() => setMenuOpen(false), [pathname]);
  useEffect(() => {
    if (!menuOpen) return;
    const inBar = (node: EventTarget | null) => node instanceof Node && Boolean(bar.current?.contains(node));
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      setMenuOpen(false);
      if (inBar(document.activeElement)) menuButton.current?.focus();
    };
    const onOutside = (e: Event) => {
      if (!inBar(e.target)) setMenuOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onOutside);
    window.addEventListener('focusin', onOutside);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onOutside);
      window.removeEventListener('focusin', onOutside);
    };
  }, [menuOpen]);

  return (
    <header className="topbar" ref={bar}>
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
        ref={menuButton}
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
