'use client';
import type { AuthResponse, LoginBody, Me, RegisterBody, TokenPair } from '@airwave/shared';
import { usePathname, useRouter } from 'next/navigation';
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

const STORAGE_KEY = 'airwave.session';

interface Session {
  accessToken: string;
  refreshToken: string;
  user: Me;
}

interface AuthValue {
  /** undefined while the stored session is being read; null when signed out. */
  user: Me | null | undefined;
  login(body: LoginBody): Promise<void>;
  register(body: RegisterBody): Promise<void>;
  logout(): Promise<void>;
  /** A REST call as the signed-in user; an expired access token is refreshed once, transparently. */
  api<T>(method: string, path: string, body?: unknown): Promise<T>;
  /** The current access token, refreshed first if the server said it expired. */
  token(): string | null;
  refresh(): Promise<string | null>;
  reloadMe(): Promise<void>;
  setCoins(coins: number, beans?: number): void;
}

const AuthContext = createContext<AuthValue | null>(null);

function readSession(): Session | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as Session) : null;
  } catch {
    return null;
  }
}

/** The seed keeps tokens in localStorage; the refresh token rotates on every use and is revoked on logout. */
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

  useEffect(() => {
    session.current = readSession();
    setUser(session.current?.user ?? null);
    // Another tab signed in or out: follow it.
    const onStorage = (e: StorageEvent) => {
      if (e.key !== STORAGE_KEY) return;
      session.current = readSession();
      setUser(session.current?.user ?? null);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
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

  const setCoins = useCallback(
    (coins: number, beans?: number) => {
      const current = session.current;
      if (!current) return;
      save({ ...current, user: { ...current.user, coins, beans: beans ?? current.user.beans } });
    },
    [save],
  );

  // Stable identity: effects that read the token must not restart whenever the profile changes.
  const token = useCallback(() => session.current?.accessToken ?? null, []);

  const value = useMemo<AuthValue>(
    () => ({
      user,
      api,
      refresh,
      token,
      async login(body) {
        save(await apiRequest<AuthResponse>('POST', '/api/auth/login', { body }));
      },
      async register(body) {
        save(await apiRequest<AuthResponse>('POST', '/api/auth/register', { body }));
      },
      async logout() {
        const current = session.current;
        save(null);
        if (current) {
          await apiRequest('POST', '/api/auth/logout', {
            token: current.accessToken,
            body: {},
          }).catch(() => undefined);
        }
      },
      async reloadMe() {
        const me = await api<Me>('GET', '/api/auth/me');
        if (session.current) save({ ...session.current, user: me });
      },
      setCoins,
    }),
    [user, api, refresh, save, token, setCoins],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** For pages that need an account: sends the visitor to sign in, and back here afterwards. */
export function useRequireAuth(): Me | undefined {
  const { user } = useAuth();
  const router = useRouter();
  const pathname = usePathname();
  useEffect(() => {
    if (user === null) router.replace(`/login?next=${encodeURIComponent(pathname)}`);
  }, [user, router, pathname]);
  return user ?? undefined;
}
