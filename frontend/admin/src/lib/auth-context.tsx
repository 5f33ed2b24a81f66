'use client';
import { SessionRefusedError } from '@airwave/client';
import { SessionProvider, useSession } from '@airwave/client/react';
import type { Me } from '@airwave/shared';
import type { ReactNode } from 'react';

/** Roles allowed into the panel; moderators see the moderation sections only. */
export const isStaff = (user: Pick<Me, 'role'>) => user.role === 'admin' || user.role === 'moderator';

/** Thrown by login() for an account that is neither an admin nor a moderator. */
export const NotStaffError = SessionRefusedError;

export function AuthProvider({ children }: { children: ReactNode }) {
  // Its own cookie, not the web app's: signing in to the panel never signs anyone in or out there.
  return (
    <SessionProvider options={{ keeper: { app: 'admin' }, accept: isStaff }}>{children}</SessionProvider>
  );
}

export const useAuth = useSession;
