import type { Me } from '@airwave/shared';
import AsyncStorage from '@react-native-async-storage/async-storage';
import * as SecureStore from 'expo-secure-store';

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: Me;
}

const KEY = 'airwave.session';
const REFRESH_KEY = 'airwave.refreshToken';

/**
 * On a phone the long-lived refresh token goes to the Keychain / Keystore (expo-secure-store); the
 * short-lived access token and the profile stay in AsyncStorage. `session-store.web.ts` is the web twin.
 */
export const sessionStore = {
  async load(): Promise<Session | null> {
    const [raw, refreshToken] = await Promise.all([
      AsyncStorage.getItem(KEY),
      SecureStore.getItemAsync(REFRESH_KEY),
    ]);
    if (!raw || !refreshToken) return null;
    try {
      const { accessToken, user } = JSON.parse(raw) as Omit<Session, 'refreshToken'>;
      return { accessToken, user, refreshToken };
    } catch {
      return null;
    }
  },
  async save(session: Session | null): Promise<void> {
    if (!session) {
      await Promise.all([AsyncStorage.removeItem(KEY), SecureStore.deleteItemAsync(REFRESH_KEY)]);
      return;
    }
    await Promise.all([
      AsyncStorage.setItem(KEY, JSON.stringify({ accessToken: session.accessToken, user: session.user })),
      SecureStore.setItemAsync(REFRESH_KEY, session.refreshToken),
    ]);
  },
};
