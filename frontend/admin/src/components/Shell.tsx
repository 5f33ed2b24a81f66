'use client';
import { safeRedirectPath } from '@airwave/client';
import { LanguageButton, MenuToggle, useDisclosureMenu } from '@airwave/ui';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { type ReactNode, useEffect } from 'react';
import { useAuth } from '../lib/auth-context.tsx';
import { useI18n } from '../lib/i18n.tsx';
import type { Messages } from '../messages/en.ts';
import { Loading } from './states.tsx';

type NavKey = keyof Messages['nav'];
interface Section {
  href: string;
  key: NavKey;
  /** Admins only; moderators see the rest. */
  admin: boolean;
}
const GROUPS: Array<{ key: NavKey; sections: Section[] }> = [
  {
    key: 'overview',
    sections: [
      { href: '/', key: 'dashboard', admin: true },
      { href: '/users', key: 'users', admin: true },
      { href: '/streams', key: 'streams', admin: false },
    ],
  },
  {
    key: 'moderation',
    sections: [
      { href: '/reports', key: 'reports', admin: false },
      { href: '/moderation-log', key: 'moderationLog', admin: false },
      { href: '/banned-words', key: 'bannedWords', admin: false },
    ],
  },
  {
    key: 'money',
    sections: [
      { href: '/catalog', key: 'catalog', admin: true },
      { href: '/payments', key: 'payments', admin: true },
      { href: '/payouts', key: 'payouts', admin: true },
      { href: '/ledger', key: 'ledger', admin: true },
      { href: '/audit', key: 'audit', admin: true },
    ],
  },
];
const ALL = GROUPS.flatMap((g) => g.sections);
const sectionOf = (pathname: string) =>
  ALL.find((s) =>
    s.href === '/' ? pathname === '/' : pathname === s.href || pathname.startsWith(`${s.href}/`),
  );

/** The panel's frame: sign-in gate, role gate, navigation, language switch. */
export function Shell({ children }: { children: ReactNode }) {
  const { user, logout } = useAuth();
  const { t, locale } = useI18n();
  const pathname = usePathname();
  const router = useRouter();
  const menu = useDisclosureMenu<HTMLElement>();
  const isLogin = pathname === '/login';
  const section = sectionOf(pathname);
  const moderator = user?.role === 'moderator';

  useEffect(() => {
    // Back to the page that asked for sign-in afterwards, if it is one of the panel's own.
    if (user === null && !isLogin) router.replace(`/login?next=${encodeURIComponent(pathname)}`);
    if (user && isLogin) {
      const next = new URLSearchParams(window.location.search).get('next');
      router.replace(
        safeRedirectPath(next, window.location.origin, user.role === 'admin' ? '/' : '/streams'),
      );
    }
    // A moderator's home is the streams list.
    if (user?.role === 'moderator' && pathname === '/') router.replace('/streams');
  }, [user, isLogin, pathname, router]);

  useEffect(() => {
    document.title = `${section ? `${t.nav[section.key]} · ` : ''}${t.app.name}`;
  }, [section, t]);

  if (isLogin) return <main id="content">{children}</main>;
  if (!user) return <Loading />;

  const forbidden = moderator && section?.admin;
  return (
    <div className="shell">
      <aside className="sidebar" ref={menu.area}>
        <div className="sidebar-top">
          <Link href={moderator ? '/streams' : '/'} className="brand">
            <span className="brand-dot" aria-hidden="true" />
            Airwave <span className="brand-tag">{t.app.short}</span>
          </Link>
          <MenuToggle menu={menu} controls="admin-nav" className="menu-toggle">
            {t.nav.menu}
          </MenuToggle>
        </div>
        <nav id="admin-nav" aria-label={t.nav.label} className={menu.open ? 'open' : undefined}>
          {GROUPS.map((group) => {
            const visible = group.sections.filter((s) => !(moderator && s.admin));
            if (visible.length === 0) return null;
            return (
              <div key={group.key} className="nav-group">
                <div className="nav-group-title">{t.nav[group.key] as string}</div>
                <ul>
                  {visible.map((s) => (
                    <li key={s.href}>
                      <Link
                        href={s.href}
                        className="side-link"
                        aria-current={section?.href === s.href ? 'page' : undefined}
                      >
                        {t.nav[s.key] as string}
                      </Link>
                    </li>
                  ))}
                </ul>
              </div>
            );
          })}
          <div className="sidebar-foot">
            <div className="who">
              <span className="who-name">{user.nickname}</span>
              <span className={`badge badge-role-${user.role}`}>{t.roles[user.role]}</span>
            </div>
            <div className="row">
              <LanguageButton locale={locale} label={t.nav.language} />
              <button type="button" className="btn btn-small" onClick={() => void logout()}>
                {t.nav.signOut}
              </button>
            </div>
            {/* The web app is outside this Next app's basePath: a plain link. */}
            <a className="muted small" href="/">
              {t.nav.toWeb} ↗
            </a>
          </div>
        </nav>
      </aside>
      <main id="content" className="content">
        {forbidden ? (
          <div className="card narrow" role="alert">
            <h1>{t.common.forbiddenTitle}</h1>
            <p className="muted">{t.common.forbiddenBody}</p>
          </div>
        ) : moderator && pathname === '/' ? (
          <Loading />
        ) : (
          children
        )}
      </main>
    </div>
  );
}
