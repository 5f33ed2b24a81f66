import { createSessionClient, type SessionClient, type SessionView, sessionView } from '@airwave/client';
import type { Me } from '@airwave/shared';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';
import { apiBaseUrl } from './config.ts';
import { SESSION_PREFIX, sessionStorage } from './session-store';

export type AuthValue = SessionView;

const AuthContext = createContext<AuthValue | null>(null);

/**
 * The phone keeps its own refresh token (see session-store); the shared session client rotates it,
 * one refresh at a time, so a rotated token is never reused.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Me | null | undefined>(undefined);
  const [client] = useState<SessionClient>(() =>
    createSessionClient({
      keeper: { storage: sessionStorage, prefix: SESSION_PREFIX },
      baseUrl: apiBaseUrl,
      onChange: (s) => setUser(s?.user ?? null),
    }),
  );
  useEffect(() => {
    void client.restore();
  }, [client]);
  const value = useMemo(() => sessionView(client, user), [user, client]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}
