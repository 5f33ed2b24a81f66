import { StatusBar } from 'expo-status-bar';
import { SafeAreaProvider } from 'react-native-safe-area-context';
import { I18nProvider } from './i18n/index.tsx';
import { AuthProvider } from './lib/auth.tsx';
import { SocketProvider } from './lib/socket.tsx';
import { RootNavigator } from './navigation/RootNavigator.tsx';

export default function App() {
  return (
    <SafeAreaProvider>
      <I18nProvider>
        <AuthProvider>
          <SocketProvider>
            <StatusBar style="light" />
            <RootNavigator />
          </SocketProvider>
        </AuthProvider>
      </I18nProvider>
    </SafeAreaProvider>
  );
}
