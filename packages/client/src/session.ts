import type { AuthResponse, LoginBody, Me, RegisterBody, TokenPair } from '@airwave/shared';
import { ApiError, apiRequest } from './api.ts';

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: Me;
}

/** Where a session is kept: localStorage on the web, AsyncStorage/SecureStore on a phone. */
export interface SessionStorage {
  load(): Session | null;
  save(session: Session | null): void;
}

/** localStorage under `key`, as the seed asks for on the web. */
export function localSessionStorage(key: string): SessionStorage {
  return {
    load() {
      try {
        const raw = localStorage.getItem(key);
        return raw ? (JSON.parse(raw) as Session) : null;
      } catch {
        return null;
      }
    },
    save(session) {
      if (session) localStorage.setItem(key, JSON.stringify(session));
      else localStorage.removeItem(key);
    },
  };
}

/** Thrown by login() when the account is not one this app accepts (the fresh session is revoked). */
export class SessionRefusedError extends Error {}

export interface SessionClientOptions {
  storage: SessionStorage;
  /** Which accounts this app is for (the admin panel takes staff only); default: everyone. */
  accept?: (user: Me) => boolean;
  /** Told of every change (sign-in, refresh, sign-out, new balances), for the UI to follow. */
  onChange: (session: Session | null) => void;
  baseUrl?: string;
}

/**
 * The signed-in session, independent of any UI framework: sign-in and out, REST calls as the user,
 * and the refresh token's rotation. An expired access token is refreshed once and the call retried;
 * refreshes are single-flight, because a rotated refresh token used twice looks like theft and
 * revokes the whole family.
 */
export function createSessionClient({
  storage,
  onChange,
  baseUrl,
  accept = () => true,
}: SessionClientOptions) {
  let current: Session | null = null;
  let refreshing: Promise<string | null> | null = null;

  const save = (next: Session | null) => {
    current = next && accept(next.user) ? next : null;
    storage.save(current);
    onChange(current);
  };

  async function signIn(res: AuthResponse) {
    if (!accept(res.user)) {
      // Not for this app: give the fresh session straight back.
      await apiRequest('POST', '/api/auth/logout', { baseUrl, token: res.accessToken, body: {} }).catch(
        () => undefined,
      );
      throw new SessionRefusedError('this account cannot use this app');
    }
    save(res);
  }

  function refresh(): Promise<string | null> {
    refreshing ??= (async () => {
      const before = current;
      if (!before) return null;
      try {
        const pair = await apiRequest<TokenPair>('POST', '/api/auth/refresh', {
          baseUrl,
          body: { refreshToken: before.refreshToken },
        });
        save({ ...before, accessToken: pair.accessToken, refreshToken: pair.refreshToken });
        return pair.accessToken;
      } catch (err) {
        // Signed out only when the server refused; a network failure keeps the session for later.
        if (err instanceof ApiError && err.status > 0) save(null);
        return null;
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  }

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    try {
      return await apiRequest<T>(method, path, { baseUrl, body, token: current?.accessToken });
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401 || !current) throw err;
      const token = await refresh();
      if (!token) throw err;
      return apiRequest<T>(method, path, { baseUrl, body, token });
    }
  }

  return {
    /** Reads the stored session (call once the storage is readable, e.g. after hydration). */
    restore() {
      save(storage.load());
    },
    /** Another tab or process changed the stored session. */
    reload() {
      save(storage.load());
    },
    user: () => current?.user ?? null,
    token: () => current?.accessToken ?? null,
    refresh,
    call,
    async login(body: LoginBody) {
      await signIn(await apiRequest<AuthResponse>('POST', '/api/auth/login', { baseUrl, body }));
    },
    async register(body: RegisterBody) {
      await signIn(await apiRequest<AuthResponse>('POST', '/api/auth/register', { baseUrl, body }));
    },
    async logout() {
      const before = current;
      save(null);
      if (before) {
        await apiRequest('POST', '/api/auth/logout', { baseUrl, token: before.accessToken, body: {} }).catch(
          () => undefined,
        );
      }
    },
    /** Fetches the profile again; a role taken away (see `accept`) ends the session here. */
    async reloadMe() {
      const me = await call<Me>('GET', '/api/auth/me');
      if (current) save({ ...current, user: me });
    },
    setBalances(coins: number, beans?: number) {
      if (!current) return;
      save({ ...current, user: { ...current.user, coins, beans: beans ?? current.user.beans } });
    },
  };
}

export type SessionClient = ReturnType<typeof createSessionClient>;
