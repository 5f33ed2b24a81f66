'use client';
import {
  createSessionClient,
  localSessionStorage,
  type SessionClient,
  SessionRefusedError,
} from '@airwave/client';
import type { LoginBody, Me } from '@airwave/shared';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';

/** Not the web app's key: signing in to the panel never signs anyone in or out of the web app. */
export const STORAGE_KEY = 'airwave.admin.session';

/** Roles allowed into the panel; moderators see the moderation sections only. */
export const isStaff = (user: Pick<Me, 'role'>) => user.role === 'admin' || user.role === 'moderator';

/** Thrown by login() for an account that is neither an admin nor a moderator. */
export const NotStaffError = SessionRefusedError;

interface AuthValue {
  /** undefined while the stored session is being read; null when signed out. */
  user: Me | null | undefined;
  login(body: LoginBody): Promise<void>;
  logout(): Promise<void>;
  /** A REST call as the signed-in staff member; an expired access token is refreshed once. */
  api<T>(method: string, path: string, body?: unknown): Promise<T>;
}

const AuthContext = createContext<AuthValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Me | null | undefined>(undefined);
  const [client] = useState<SessionClient>(() =>
    createSessionClient({
      storage: localSessionStorage(STORAGE_KEY),
      accept: isStaff,
      onChange: (s) => setUser(s?.user ?? null),
    }),
  );

  useEffect(() => {
    client.restore();
    // The stored profile may be stale (a role taken away): check it once per load.
    if (client.user()) client.reloadMe().catch(() => undefined);
    const onStorage = (e: StorageEvent) => {
      if (e.key === STORAGE_KEY) client.reload();
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [client]);

  const value = useMemo<AuthValue>(
    () => ({ user, api: client.call, login: client.login, logout: client.logout }),
    [user, client],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
