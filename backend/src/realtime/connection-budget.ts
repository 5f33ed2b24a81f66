import type { SocketData } from '@airwave/shared';
import { rateLimited } from '../platform/rate-limit.ts';

const WINDOW_MS = 10_000;

/**
 * The per-connection event budget: `points` events per 10 s window, the window starting at its first
 * event. Kept in the socket's own data (two numbers) rather than in a limiter keyed by socket id, whose
 * entries and expiry timers each connection would pay for, though a flood from one socket only ever
 * concerns that socket. Throws RATE_LIMITED past the budget.
 */
export function spendOnConnection(data: SocketData, points: number, now: number) {
  if (data.budgetWindowStart === undefined || now - data.budgetWindowStart >= WINDOW_MS) {
    data.budgetWindowStart = now;
    data.budgetSpent = 0;
  }
  data.budgetSpent = (data.budgetSpent ?? 0) + 1;
  if (data.budgetSpent > points) throw rateLimited(data.budgetWindowStart + WINDOW_MS - now);
}
