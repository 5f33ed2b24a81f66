'use client';
import { LanguageButton, MenuToggle, useDisclosureMenu } from '@airwave/ui';
import Link from 'next/link';
import { useAuth } from '../lib/auth-context.tsx';
import { useI18n } from '../lib/i18n.tsx';

/**
 * The top bar. On a phone-sized screen the links fold into a disclosure menu (the row would run off
 * the screen), while the brand and the coin balance stay in sight (useDisclosureMenu says when
 * it closes).
 */
export function Header() {
  const { user, logout } = useAuth();
  const { t, locale } = useI18n();
  const menu = useDisclosureMenu<HTMLElement>();

  return (
    <header className="topbar" ref={menu.area}>
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
      <MenuToggle menu={menu} controls="main-nav" className="menu-button" testId="menu-button">
        {menu.open ? t.nav.closeMenu : t.nav.menu}
      </MenuToggle>
      <nav id="main-nav" aria-label={t.nav.label} className={menu.open ? 'open' : undefined}>
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
