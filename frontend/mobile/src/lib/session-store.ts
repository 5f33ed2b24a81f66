import { type SessionStorage, storedSession } from '@airwave/client';
import AsyncStorage from '@react-native-async-storage/async-storage';
import * as SecureStore from 'expo-secure-store';

/**
 * On a phone the long-lived refresh token goes to the Keychain / Keystore (expo-secure-store); the
 * short-lived access token and the profile stay in AsyncStorage. `session-store.web.ts` is the web twin.
 */
export const sessionStorage: SessionStorage = {
  getItem: (key) =>
    key.endsWith('.refreshToken') ? SecureStore.getItemAsync(key) : AsyncStorage.getItem(key),
  setItem: (key, value) =>
    key.endsWith('.refreshToken') ? SecureStore.setItemAsync(key, value) : AsyncStorage.setItem(key, value),
  removeItem: (key) =>
    key.endsWith('.refreshToken') ? SecureStore.deleteItemAsync(key) : AsyncStorage.removeItem(key),
};

export const SESSION_PREFIX = 'airwave';
export const sessionStore = storedSession(sessionStorage, SESSION_PREFIX);
