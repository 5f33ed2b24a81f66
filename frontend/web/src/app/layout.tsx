import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import { Header } from '../components/Header.tsx';
import { Providers } from '../components/Providers.tsx';
import { serverLocale } from '../lib/locale.server.ts';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Airwave — live now', template: '%s · Airwave' },
  description: 'Watch and stream live with sub-second latency, chat and gifts.',
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
        <Providers locale={locale}>
          <Header />
          <main id="content">{children}</main>
        </Providers>
      </body>
    </html>
  );
}
