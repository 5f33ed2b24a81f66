import type { SessionView } from '@airwave/client';
import { BlocksProvider, SessionProvider, useSession } from '@airwave/client/react';
import type { ReactNode } from 'react';
import { apiBaseUrl } from './config.ts';
import { SESSION_PREFIX, sessionStorage } from './session-store';

export type AuthValue = SessionView;

/**
 * The phone keeps its own refresh token (see session-store); the shared session client rotates it,
 * one refresh at a time, so a rotated token is never reused.
 */
export function AuthProvider({ children }: { children: ReactNode }) {
  return (
    <SessionProvider
      options={{ keeper: { storage: sessionStorage, prefix: SESSION_PREFIX }, baseUrl: apiBaseUrl }}
    >
      <BlocksProvider>{children}</BlocksProvider>
    </SessionProvider>
  );
}

export const useAuth = useSession;
