import type { Principal } from '@airwave/shared';
import { AppError } from '../core/app-error.ts';

/**
 * The four-eyes rule: no admin decides on their own account (role, ban, suspension, flags), balance,
 * payment or payout; another admin must. Otherwise one admin could mint coins to a puppet, collect
 * the beans and approve their own cash-out. Every admin action on a user's things checks it here.
 */
export function assertNotOwn(actor: Principal, ownerId: string, what: string): void {
  if (actor.userId === ownerId) {
    throw new AppError('FORBIDDEN', `Another admin must decide on your own ${what}.`, { rule: 'four-eyes' });
  }
}
