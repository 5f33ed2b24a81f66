import { type SessionStorage, storedSession } from '@airwave/client';
import AsyncStorage from '@react-native-async-storage/async-storage';

/** In a browser there is no keychain: the whole session lives in AsyncStorage (localStorage). */
export const sessionStorage: SessionStorage = AsyncStorage;

export const SESSION_PREFIX = 'airwave.mobile';
export const sessionStore = storedSession(sessionStorage, SESSION_PREFIX);
