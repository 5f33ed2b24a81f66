import { RootDocument } from '@airwave/ui';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Header } from '../components/Header.tsx';
import { Providers } from '../components/Providers.tsx';
import { serverLocale } from '../lib/locale.server.ts';
import '@airwave/ui/base.css';
import './globals.css';

export { viewport } from '@airwave/ui';
export const metadata: Metadata = {
  title: { default: 'Airwave — live now', template: '%s · Airwave' },
  description: 'Watch and stream live with sub-second latency, chat and gifts.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await serverLocale();
  return (
    <RootDocument lang={locale} skipLabel={t.nav.skip}>
      <Providers locale={locale}>
        <Header />
        <main id="content">{children}</main>
      </Providers>
    </RootDocument>
  );
}
