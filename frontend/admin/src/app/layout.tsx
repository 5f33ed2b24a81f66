import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '../components/Providers.tsx';
import { serverLocale } from '../lib/locale.server.ts';
import './globals.css';

export const metadata: Metadata = {
  title: 'Airwave Admin',
  description: 'Run Airwave: users, streams, moderation, catalog, money and the audit log.',
  robots: { index: false, follow: false },
};
export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#0b0d12' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await serverLocale();
  return (
    <html lang={locale}>
      <body>
        <a className="skip-link" href="#content">
          {t.nav.skip}
        </a>
        <Providers locale={locale}>{children}</Providers>
      </body>
    </html>
  );
}
