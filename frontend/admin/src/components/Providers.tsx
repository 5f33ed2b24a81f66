'use client';
import { startErrorReporting } from '@airwave/client/error-reporting';
import { type ReactNode, useEffect } from 'react';
import { AuthProvider } from '../lib/auth-context.tsx';
import { I18nProvider } from '../lib/i18n.tsx';
import type { Locale } from '../lib/locale.ts';
import { Shell } from './Shell.tsx';
import { ToastProvider } from './Toasts.tsx';

export function Providers({ locale, children }: { locale: Locale; children: ReactNode }) {
  // Browser errors go to Sentry only when the server hands out a DSN (GET /api/client-config).
  useEffect(() => void startErrorReporting('admin'), []);
  return (
    <I18nProvider locale={locale}>
      <AuthProvider>
        <ToastProvider>
          <Shell>{children}</Shell>
        </ToastProvider>
      </AuthProvider>
    </I18nProvider>
  );
}
