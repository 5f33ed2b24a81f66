import {
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

/** The signed-in session as a browser tab holds it: in memory only, never in web storage. */
export interface Session {
  accessToken: string;
  user: Me;
}

/** Thrown by login() when the account is not one this app accepts (the fresh session is revoked). */
export class SessionRefusedError extends Error {}

export interface SessionClientOptions {
  /** Which browser app this is; it names the app's HttpOnly refresh cookie on the server. */
  app: CookieSessionApp;
  /** Which accounts this app is for (the admin panel takes staff only); default: everyone. */
  accept?: (user: Me) => boolean;
  /** Told of every change (sign-in, refresh, sign-out, new balances), for the UI to follow. */
  onChange: (session: Session | null) => void;
  baseUrl?: string;
}

/**
 * The signed-in session of a browser app, independent of any UI framework: sign-in and out, REST
 * calls as the user, and the refresh token's rotation. The refresh token lives in an HttpOnly cookie
 * that page scripts cannot read, and the access token in memory, so a reload restores the session
 * through the cookie. An expired access token is refreshed once and the call retried. Refreshes are
 * single-flight in a tab and, through a Web Lock, across the tabs sharing the cookie: a rotated
 * refresh token used twice looks like theft and revokes the whole family.
 */
export function createSessionClient({ app, onChange, baseUrl, accept = () => true }: SessionClientOptions) {
  let current: Session | null = null;
  let refreshing: Promise<string | null> | null = null;
  const headers = { [SESSION_COOKIE_HEADER]: app };
  // Tells this app's other tabs that someone signed in or out here.
  const tabs =
    typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(`airwave.session.${app}`);

  const save = (next: Session | null) => {
    current = next && accept(next.user) ? next : null;
    onChange(current);
  };

  const exclusive = async <T>(work: () => Promise<T>): Promise<T> =>
    typeof navigator !== 'undefined' && navigator.locks
      ? await navigator.locks.request(`airwave.refresh.${app}`, work)
      : work();

  async function signIn(res: CookieAuthResponse) {
    if (!accept(res.user)) {
      // Not for this app: give the fresh session (and its cookie) straight back.
      await callRoute(apiRoutes.logout, { body: {} }, { baseUrl, headers, token: res.accessToken }).catch(
        () => undefined,
      );
      throw new SessionRefusedError('this account cannot use this app');
    }
    save(res);
    tabs?.postMessage('changed');
  }

  function refresh(): Promise<string | null> {
    refreshing ??= (async () => {
      try {
        // 204 (no body) when this browser holds no refresh cookie: signed out.
        const pair = await exclusive(() => callRoute(apiRoutes.refresh, { body: {} }, { baseUrl, headers }));
        if (!pair) {
          save(null);
          return null;
        }
        const user =
          current?.user ?? (await callRoute(apiRoutes.me, {}, { baseUrl, token: pair.accessToken }));
        save({ accessToken: pair.accessToken, user });
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

  /** Reads the session from the refresh cookie: on page load, and when another tab changed it. */
  async function restore() {
    await refresh();
    if (!current) onChange(null);
  }
  if (tabs) tabs.onmessage = () => void restore();

  const call: RouteCaller = async <R extends RouteSpec>(spec: R, ...[input]: CallArgs<R>) => {
    try {
      return await callRoute(spec, input, { baseUrl, headers, token: current?.accessToken });
    } catch (err) {
      if (!(err instanceof ApiError) || err.status !== 401 || !current) throw err;
      const token = await refresh();
      if (!token) throw err;
      return callRoute(spec, input, { baseUrl, headers, token });
    }
  };

  return {
    restore,
    user: () => current?.user ?? null,
    token: () => current?.accessToken ?? null,
    refresh,
    call,
    async login(body: LoginBody) {
      await signIn(await callRoute(apiRoutes.login, { body }, { baseUrl, headers }));
    },
    async register(body: RegisterBody) {
      await signIn(await callRoute(apiRoutes.register, { body }, { baseUrl, headers }));
    },
    async logout() {
      // Through call(): an expired access token is refreshed first, so the server still revokes the
      // session and clears the cookie.
      if (current) await call(apiRoutes.logout, { body: {} }).catch(() => undefined);
      save(null);
      tabs?.postMessage('changed');
    },
    /** The server already ended this session (session-revoked): sign out here without asking it again. */
    forget() {
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
