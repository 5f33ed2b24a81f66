import type { AdminUser } from '@airwave/shared';
import type { Messages } from '../messages/en.ts';
import { Badge } from './states.tsx';

/** What to show as the account's state, most serious first. */
export function userStatus(u: Pick<AdminUser, 'bannedAt' | 'suspendedUntil' | 'flaggedAt'>): string {
  if (u.bannedAt) return 'banned';
  if (u.suspendedUntil && Date.parse(u.suspendedUntil) > Date.now()) return 'suspended';
  if (u.flaggedAt) return 'flagged';
  return 'active';
}

export function StatusBadge({ user, t }: { user: AdminUser; t: Messages }) {
  const s = userStatus(user);
  return <Badge kind={s}>{t.statuses[s]}</Badge>;
}
