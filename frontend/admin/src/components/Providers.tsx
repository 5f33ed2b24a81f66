'use client';
import type { ReactNode } from 'react';
import { AuthProvider } from '../lib/auth-context.tsx';
import { I18nProvider } from '../lib/i18n.tsx';
import type { Locale } from '../lib/locale.ts';
import { Shell } from './Shell.tsx';
import { ToastProvider } from './Toasts.tsx';

export function Providers({ locale, children }: { locale: Locale; children: ReactNode }) {
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
