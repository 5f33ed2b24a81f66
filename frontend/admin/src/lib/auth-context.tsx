'use client';
import { createSessionClient, type SessionClient, SessionRefusedError, sessionView } from '@airwave/client';
import type { LoginBody, Me } from '@airwave/shared';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';

/** Roles allowed into the panel; moderators see the moderation sections only. */
export const isStaff = (user: Pick<Me, 'role'>) => user.role === 'admin' || user.role === 'moderator';

/** Thrown by login() for an account that is neither an admin nor a moderator. */
export const NotStaffError = SessionRefusedError;

interface AuthValue {
  /** undefined while the session is being restored from the refresh cookie; null when signed out. */
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
      // Its own cookie, not the web app's: signing in to the panel never signs anyone in or out there.
      keeper: { app: 'admin' },
      accept: isStaff,
      onChange: (s) => setUser(s?.user ?? null),
    }),
  );

  useEffect(() => {
    // Restoring reads the profile fresh from the server, so a role taken away bites on the next load.
    void client.restore();
  }, [client]);

  const value = useMemo<AuthValue>(() => sessionView(client, user), [user, client]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
