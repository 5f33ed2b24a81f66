'use client';
import type { AuthResponse, LoginBody, Me, TokenPair } from '@airwave/shared';
import {
  createContext,
  type ReactNode,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import { ApiError, apiRequest } from './api.ts';

/** Not the web app's key: signing in to the panel never signs anyone in or out of the web app. */
export const STORAGE_KEY = 'airwave.admin.session';

/** Roles allowed into the panel; moderators see the moderation sections only. */
export const isStaff = (user: Pick<Me, 'role'>) => user.role === 'admin' || user.role === 'moderator';

/** Thrown by login() for an account that is neither an admin nor a moderator. */
export class NotStaffError extends Error {}

interface Session {
  accessToken: string;
  refreshToken: string;
  user: Me;
}

interface AuthValue {
  /** undefined while the stored session is being read; null when signed out. */
  user: Me | null | undefined;
  login(body: LoginBody): Promise<void>;
  logout(): Promise<void>;
  /** A REST call as the signed-in staff member; an expired access token is refreshed once. */
  api<T>(method: string, path: string, body?: unknown): Promise<T>;
}

const AuthContext = createContext<AuthValue | null>(null);

function readSession(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    const session = raw ? (JSON.parse(raw) as Session) : null;
    return session && isStaff(session.user) ? session : null;
  } catch {
    return null;
  }
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Me | null | undefined>(undefined);
  const session = useRef<Session | null>(null);
  const refreshing = useRef<Promise<string | null> | null>(null);

  const save = useCallback((next: Session | null) => {
    session.current = next;
    if (next) localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    else localStorage.removeItem(STORAGE_KEY);
    setUser(next?.user ?? null);
  }, []);

  const refresh = useCallback((): Promise<string | null> => {
    // One refresh at a time: the refresh token rotates, so a second concurrent use would look like reuse.
    refreshing.current ??= (async () => {
      const current = session.current;
      if (!current) return null;
      try {
        const pair = await apiRequest<TokenPair>('POST', '/api/auth/refresh', {
          body: { refreshToken: current.refreshToken },
        });
        save({ ...current, accessToken: pair.accessToken, refreshToken: pair.refreshToken });
        return pair.accessToken;
      } catch (err) {
        if (err instanceof ApiError && err.status > 0) save(null);
        return null;
      } finally {
        refreshing.current = null;
      }
    })();
    return refreshing.current;
  }, [save]);

  const api = useCallback(
    async <T,>(method: string, path: string, body?: unknown): Promise<T> => {
      try {
        return await apiRequest<T>(method, path, { body, token: session.current?.accessToken });
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 401 || !session.current) throw err;
        const token = await refresh();
        if (!token) throw err;
        return apiRequest<T>(method, path, { body, token });
      }
    },
    [refresh],
  );

  useEffect(() => {
    session.current = readSession();
    setUser(session.current?.user ?? null);
    // The stored profile may be stale (a role taken away): check it once per load.
    if (session.current) {
      api<Me>('GET', '/api/auth/me')
        .then((me) => {
          if (!session.current) return;
          save(isStaff(me) ? { ...session.current, user: me } : null);
        })
        .catch(() => undefined);
    }
    const onStorage = (e: StorageEvent) => {
      if (e.key !== STORAGE_KEY) return;
      session.current = readSession();
      setUser(session.current?.user ?? null);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [api, save]);

  const value = useMemo<AuthValue>(
    () => ({
      user,
      api,
      async login(body) {
        const res = await apiRequest<AuthResponse>('POST', '/api/auth/login', { body });
        if (!isStaff(res.user)) {
          // Not for this panel: give the fresh session straight back.
          await apiRequest('POST', '/api/auth/logout', { token: res.accessToken, body: {} }).catch(
            () => undefined,
          );
          throw new NotStaffError('not staff');
        }
        save({ accessToken: res.accessToken, refreshToken: res.refreshToken, user: res.user });
      },
      async logout() {
        const current = session.current;
        save(null);
        if (current) {
          await apiRequest('POST', '/api/auth/logout', { token: current.accessToken, body: {} }).catch(
            () => undefined,
          );
        }
      },
    }),
    [user, api, save],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
