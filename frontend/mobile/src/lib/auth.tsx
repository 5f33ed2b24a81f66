import { type CallArgs, callRoute, type RouteCaller } from '@airwave/client';
import type { AuthResponse, LoginBody, Me, RegisterBody, RouteSpec } from '@airwave/shared';
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
import { ApiError, endpoints } from './api.ts';
import { apiBaseUrl } from './config.ts';
import { type Session, sessionStore } from './session-store';

export interface AuthValue {
  /** undefined while the stored session is being read; null when signed out. */
  user: Me | null | undefined;
  login(body: LoginBody): Promise<void>;
  register(body: RegisterBody): Promise<void>;
  logout(): Promise<void>;
  /** A REST call as the signed-in user; an expired access token is refreshed once, transparently. */
  api: RouteCaller;
  token(): string | null;
  refresh(): Promise<string | null>;
  reloadMe(): Promise<void>;
  setCoins(coins: number, beans?: number): void;
}

const AuthContext = createContext<AuthValue | null>(null);

/** Tokens rotate on every refresh; one refresh runs at a time so a rotated token is never reused. */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Me | null | undefined>(undefined);
  const session = useRef<Session | null>(null);
  const refreshing = useRef<Promise<string | null> | null>(null);

  const save = useCallback((next: Session | null) => {
    session.current = next;
    setUser(next?.user ?? null);
    void sessionStore.save(next).catch(() => undefined);
  }, []);

  useEffect(() => {
    let cancelled = false;
    void sessionStore
      .load()
      .catch(() => null)
      .then((s) => {
        if (cancelled) return;
        session.current = s;
        setUser(s?.user ?? null);
      });
    return () => {
      cancelled = true;
    };
  }, []);

  const refresh = useCallback((): Promise<string | null> => {
    refreshing.current ??= (async () => {
      const current = session.current;
      if (!current) return null;
      try {
        const pair = await endpoints.refresh(current.refreshToken);
        save({ ...current, accessToken: pair.accessToken, refreshToken: pair.refreshToken });
        return pair.accessToken;
      } catch (err) {
        // The server refused the refresh token: the session is over. A network error keeps it.
        if (err instanceof ApiError && err.status > 0) save(null);
        return null;
      } finally {
        refreshing.current = null;
      }
    })();
    return refreshing.current;
  }, [save]);

  const api: RouteCaller = useCallback(
    async <R extends RouteSpec>(spec: R, ...[input]: CallArgs<R>) => {
      const baseUrl = apiBaseUrl();
      try {
        return await callRoute(spec, input, { baseUrl, token: session.current?.accessToken });
      } catch (err) {
        if (!(err instanceof ApiError) || err.status !== 401 || !session.current) throw err;
        const token = await refresh();
        if (!token) throw err;
        return callRoute(spec, input, { baseUrl, token });
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

  const token = useCallback(() => session.current?.accessToken ?? null, []);

  const value = useMemo<AuthValue>(
    () => ({
      user,
      api,
      refresh,
      token,
      async login(body) {
        const res: AuthResponse = await endpoints.login(body);
        save(res);
      },
      async register(body) {
        save(await endpoints.register(body));
      },
      async logout() {
        const current = session.current;
        save(null);
        if (current) await endpoints.logout(current.accessToken).catch(() => undefined);
      },
      async reloadMe() {
        const me = await endpoints.me(api);
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
