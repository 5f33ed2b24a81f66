import { RootDocument } from '@airwave/ui';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from '../components/Providers.tsx';
import { serverLocale } from '../lib/locale.server.ts';
import '@airwave/ui/base.css';
import './globals.css';

export { viewport } from '@airwave/ui';
export const metadata: Metadata = {
  title: 'Airwave Admin',
  description: 'Run Airwave: users, streams, moderation, catalog, money and the audit log.',
  robots: { index: false, follow: false },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const { locale, t } = await serverLocale();
  return (
    <RootDocument lang={locale} skipLabel={t.nav.skip}>
      <Providers locale={locale}>{children}</Providers>
    </RootDocument>
  );
}
