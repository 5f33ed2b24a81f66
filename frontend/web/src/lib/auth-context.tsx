'use client';
import { BlocksProvider, SessionProvider, useSession } from '@airwave/client/react';
import type { Me } from '@airwave/shared';
import { usePathname, useRouter } from 'next/navigation';
import { type ReactNode, useEffect } from 'react';

/**
 * The access token lives in memory and the refresh token in an HttpOnly cookie, so no script on the
 * page can read either from storage; the refresh token rotates on every use and is revoked on logout.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  return (
    <SessionProvider options={{ keeper: { app: 'web' } }}>
      <BlocksProvider>{children}</BlocksProvider>
    </SessionProvider>
  );
}

export const useAuth = useSession;

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
