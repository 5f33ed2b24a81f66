import AsyncStorage from '@react-native-async-storage/async-storage';
import type { Session } from './session-store.ts';

export type { Session } from './session-store.ts';

const KEY = 'airwave.mobile.session';

/** In a browser there is no keychain: the whole session lives in AsyncStorage (localStorage), like the web app. */
export const sessionStore = {
  async load(): Promise<Session | null> {
    try {
      const raw = await AsyncStorage.getItem(KEY);
      return raw ? (JSON.parse(raw) as Session) : null;
    } catch {
      return null;
    }
  },
  async save(session: Session | null): Promise<void> {
    if (session) await AsyncStorage.setItem(KEY, JSON.stringify(session));
    else await AsyncStorage.removeItem(KEY);
  },
};
