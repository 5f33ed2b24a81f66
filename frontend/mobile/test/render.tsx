import { render } from '@testing-library/react-native';
import type { ReactElement } from 'react';
import { SafeAreaProvider } from 'react-native-safe-area-context';
import { I18nProvider } from '../src/i18n/index.tsx';
import { AuthProvider } from '../src/lib/auth.tsx';
import { sessionStore } from '../src/lib/session-store';
import { SocketProvider } from '../src/lib/socket.tsx';
import { authResponse } from './fake-server.ts';

const metrics = {
  frame: { x: 0, y: 0, width: 390, height: 844 },
  insets: { top: 0, left: 0, right: 0, bottom: 0 },
};

/** Renders inside the app's providers, signed in (a stored session) unless `signedIn: false`. */
export async function renderApp(
  ui: ReactElement,
  { signedIn = true, coins = 100, locale = 'en' as 'en' | 'ru' } = {},
) {
  await sessionStore.save(signedIn ? authResponse({ coins }) : null);
  return render(
    <SafeAreaProvider initialMetrics={metrics}>
      <I18nProvider initial={locale}>
        <AuthProvider>
          <SocketProvider>{ui}</SocketProvider>
        </AuthProvider>
      </I18nProvider>
    </SafeAreaProvider>,
  );
}
