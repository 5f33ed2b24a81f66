'use client';
import type { ReactNode } from 'react';
import { AuthProvider } from '../lib/auth-context.tsx';
import { I18nProvider } from '../lib/i18n.tsx';
import type { Locale } from '../lib/locale.ts';
import { SocketProvider } from '../lib/socket-context.tsx';

export function Providers({ locale, children }: { locale: Locale; children: ReactNode }) {
  return (
    <I18nProvider locale={locale}>
      <AuthProvider>
        <SocketProvider>{children}</SocketProvider>
      </AuthProvider>
    </I18nProvider>
  );
}
