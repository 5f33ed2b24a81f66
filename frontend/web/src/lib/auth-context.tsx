'use client';
import { createSessionClient, type SessionClient, type SessionView, sessionView } from '@airwave/client';
import type { Me } from '@airwave/shared';
import { usePathname, useRouter } from 'next/navigation';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';

type AuthValue = SessionView;

const AuthContext = createContext<AuthValue | null>(null);

/**
 * The access token lives in memory and the refresh token in an HttpOnly cookie, so no script on the
 * page can read either from storage; the refresh token rotates on every use and is revoked on logout.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<Me | null | undefined>(undefined);
  // One session client for the life of the page; its functions keep their identity across renders,
  // so effects that use them never restart because the profile changed.
  const [client] = useState<SessionClient>(() =>
    createSessionClient({
      keeper: { app: 'web' },
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
