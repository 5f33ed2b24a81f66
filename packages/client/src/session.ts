import {
  type AuthResponse,
  apiRoutes,
  type CookieAuthResponse,
  type CookieSessionApp,
  type LoginBody,
  type Me,
  type RegisterBody,
  type RouteSpec,
  SESSION_COOKIE_HEADER,
} from '@airwave/shared';
import { ApiError, type CallArgs, callRoute, type RouteCaller } from './api.ts';

/** The signed-in session as the app holds it in memory. */
export interface Session {
  accessToken: string;
  user: Me;
}

/** Key-value storage that answers with promises: React Native's AsyncStorage, or a secure store. */
export interface SessionStorage {
  getItem(key: string): Promise<string | null>;
  setItem(key: string, value: string): Promise<void>;
  removeItem(key: string): Promise<void>;
}

/** A session with its refresh token, as an app that holds the token itself keeps it. */
export interface StoredSession extends Session {
  refreshToken: string;
}

/**
 * Reads and writes a session in `storage`: the refresh token under its own key (a phone routes that
 * one to the Keychain / Keystore), the access token and the profile under another.
 */
export function storedSession(storage: SessionStorage, prefix = 'airwave') {
  const KEY = `${prefix}.session`;
  const REFRESH_KEY = `${prefix}.refreshToken`;
  return {
    async load(): Promise<StoredSession | null> {
      const [raw, refreshToken] = await Promise.all([storage.getItem(KEY), storage.getItem(REFRESH_KEY)]);
      if (!raw || !refreshToken) return null;
      try {
        const { accessToken, user } = JSON.parse(raw) as Session;
        return { accessToken, user, refreshToken };
      } catch {
        return null;
      }
    },
    async save(session: StoredSession | null): Promise<void> {
      if (!session) {
        await Promise.all([storage.removeItem(KEY), storage.removeItem(REFRESH_KEY)]);
        return;
      }
      const { accessToken, user, refreshToken } = session;
      await Promise.all([
        storage.setItem(KEY, JSON.stringify({ accessToken, user })),
        storage.setItem(REFRESH_KEY, refreshToken),
      ]);
    },
  };
}

/** Thrown by login() when the account is not one this app accepts (the fresh session is revoked). */
export class SessionRefusedError extends Error {}

export interface SessionClientOptions {
  /**
   * Where the refresh token lives. A browser app (`app`): in its HttpOnly cookie, which the app's
   * name names on the server, with the access token in memory only. An app that holds the token
   * itself (`storage`, the phone app): in that storage with the profile, sent in the refresh body.
   */
  keeper: { app: CookieSessionApp } | { storage: SessionStorage; prefix?: string };
  /** Which accounts this app is for (the admin panel takes staff only); default: everyone. */
  accept?: (user: Me) => boolean;
  /** Told of every change (sign-in, refresh, sign-out, new balances), for the UI to follow. */
  onChange: (session: Session | null) => void;
  /** Origin of the API, or how to find it at each call (a phone app's may be pointed elsewhere). */
  baseUrl?: string | (() => string);
}

/**
 * The signed-in session of an app, independent of any UI framework: sign-in and out, REST calls as
 * the user, and the refresh token's rotation (see `keeper` for where that token lives). A browser
 * reload restores the session through the cookie, a phone app's start from its storage. An expired
 * access token is refreshed once and the call retried. Refreshes are single-flight and, through a
 * Web Lock where there is one, across the tabs sharing a cookie: a rotated refresh token used twice
 * looks like theft and revokes the whole family. A refresh that lands after a sign-out is dropped.
 */
export function createSessionClient({
  keeper,
  onChange,
  baseUrl,
  accept = () => true,
}: SessionClientOptions) {
  const base = () => (typeof baseUrl === 'function' ? baseUrl() : baseUrl);
  let current: Session | null = null;
  let refreshToken: string | null = null;
  let refreshing: Promise<string | null> | null = null;
  // Grows on every sign-in and sign-out, so an answer to an older refresh cannot bring a session back.
  let epoch = 0;
  const app = 'app' in keeper ? keeper.app : null;
  const stored = 'storage' in keeper ? storedSession(keeper.storage, keeper.prefix) : null;
  const headers: Record<string, string> = app ? { [SESSION_COOKIE_HEADER]: app } : {};
  // Tells this app's other tabs that someone signed in or out here.
  const tabs =
    app && typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(`airwave.session.${app}`) : null;

  const save = (next: Session | null, nextRefreshToken = refreshToken) => {
    current = next && accept(next.user) ? next : null;
    refreshToken = current ? nextRefreshToken : null;
    if (stored) {
      const keep = current && refreshToken ? { ...current, refreshToken } : null;
      void stored.save(keep).catch(() => undefined);
    }
    onChange(current);
  };

  const exclusive = async <T>(work: () => Promise<T>): Promise<T> =>
    typeof navigator !== 'undefined' && navigator.locks
      ? await navigator.locks.request(`airwave.refresh.${app ?? 'stored'}`, work)
      : work();

  async function signIn(res: CookieAuthResponse | AuthResponse) {
    if (!accept(res.user)) {
      // Not for this app: give the fresh session (and its cookie) straight back.
      await callRoute(
        apiRoutes.logout,
        { body: {} },
        { baseUrl: base(), headers, token: res.accessToken },
      ).catch(() => undefined);
      throw new SessionRefusedError('this account cannot use this app');
    }
    epoch++;
    save({ accessToken: res.accessToken, user: res.user }, 'refreshToken' in res ? res.refreshToken : null);
    tabs?.postMessage('changed');
  }

  function refresh(): Promise<string | null> {
    // An app keeping its own token has nothing to refresh without one (and is not signed out for it).
    if (stored && !refreshToken) return Promise.resolve(null);
    const started = epoch;
    refreshing ??= (async () => {
      try {
        // 204 (no body) when this browser holds no refresh cookie: signed out.
        const pair = await exclusive(() =>
          callRoute(
            apiRoutes.refresh,
            { body: stored && refreshToken ? { refreshToken } : {} },
            { baseUrl: base(), headers },
          ),
        );
        if (epoch !== started) return null;
        if (!pair) {
          save(null);
          return null;
        }
        const user =
          current?.user ?? (await callRoute(apiRoutes.me, {}, { baseUrl: base(), token: pair.accessToken }));
        if (epoch !== started) return null;
        save({ accessToken: pair.accessToken, user }, 'refreshToken' in pair ? pair.refreshToken : null);
        return pair.accessToken;
      } catch (err) {
        // Signed out only when the server refused; a network failure keeps the session for later.
        if (err instanceof ApiError && err.status > 0 && epoch === started) save(null);
        return null;
      } finally {
        refreshing = null;
      }
    })();
    return refreshing;
  }

  /**
   * Reads the session: a browser's from its refresh cookie (on page load, and when another tab
   * changed it), a phone's from its storage as it was left.
   */
  async function restore() {
    if (stored) {
      const s = await stored.load().catch(() => null);
      current = s && accept(s.user) ? { accessToken: s.accessToken, user: s.user } : null;
      refreshToken = current ? (s?.refreshToken ?? null) : null;
      onChange(current);
      return;
    }
    await refresh();
    if (!current) onChange(null);
  }
  if (tabs) tabs.onmessage = () => void restore();

  const call: RouteCaller = async <R extends RouteSpec>(spec: R, ...[input]: CallArgs<R>) => {
    try {
      return await callRoute(spec, input, { baseUrl: base(), headers, token: current?.accessToken });
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401 || !current) throw err;
      const token = await refresh();
      if (!token) throw err;
      return callRoute(spec, input, { baseUrl: base(), headers, token });
    }
  };

  return {
    restore,
    user: () => current?.user ?? null,
    token: () => current?.accessToken ?? null,
    refresh,
    call,
    async login(body: LoginBody) {
      await signIn(await callRoute(apiRoutes.login, { body }, { baseUrl: base(), headers }));
    },
    async register(body: RegisterBody) {
      await signIn(await callRoute(apiRoutes.register, { body }, { baseUrl: base(), headers }));
    },
    async logout() {
      // Through call(): an expired access token is refreshed first, so the server still revokes the
      // session and clears the cookie.
      if (current) await call(apiRoutes.logout, { body: {} }).catch(() => undefined);
      epoch++;
      save(null);
      tabs?.postMessage('changed');
    },
    /** The server already ended this session (session-revoked): sign out here without asking it again. */
    forget() {
      epoch++;
      save(null);
    },
    /** Fetches the profile again; a role taken away (see `accept`) ends the session here. */
    async reloadMe() {
      const me = await call(apiRoutes.me);
      if (current) save({ ...current, user: me });
    },
    setBalances(coins: number, beans?: number) {
      if (!current) return;
      save({ ...current, user: { ...current.user, coins, beans: beans ?? current.user.beans } });
    },
  };
}

export type SessionClient = ReturnType<typeof createSessionClient>;

/**
 * What an app's auth context hands its screens: the profile (undefined while the session is read,
 * null when signed out) and the session's functions, under the names the screens use.
 */
export function sessionView(client: SessionClient, user: Me | null | undefined) {
  return {
    user,
    login: client.login,
    register: client.register,
    logout: client.logout,
    /** Signs out locally after the server ended the session (nothing left to revoke). */
    forget: client.forget,
    /** A REST call as the signed-in user; an expired access token is refreshed once, transparently. */
    api: client.call,
    token: client.token,
    refresh: client.refresh,
    reloadMe: client.reloadMe,
    setCoins: client.setBalances,
  };
}

export type SessionView = ReturnType<typeof sessionView>;
