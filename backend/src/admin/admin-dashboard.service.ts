import type { AdminDashboard, AdminPeriod } from '@airwave/shared';
import type { AdminDashboardRepository } from './admin-dashboard.repository.ts';

const DAYS: Record<AdminPeriod, number> = { today: 1, '7d': 7, '30d': 30 };
const DAY_MS = 86_400_000;

const sum = <T>(rows: T[], pick: (r: T) => number) => rows.reduce((n, r) => n + pick(r), 0);

/** Figures for today, the last 7 or the last 30 UTC days (today included), with one point a day. */
export function createAdminDashboardService(repo: AdminDashboardRepository) {
  return {
    async get(period: AdminPeriod, now = new Date()): Promise<AdminDashboard> {
      const days = DAYS[period];
      const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
      const since = new Date(midnight - (days - 1) * DAY_MS);
      const [live, pending, regs, sales, gifts] = await Promise.all([
        repo.liveNow(),
        repo.pendingPayouts(),
        repo.registrationsByDay(since),
        repo.salesByDay(since),
        repo.giftsByDay(since),
      ]);
      const byDate = <T extends { date: string }>(rows: T[]) => new Map(rows.map((r) => [r.date, r]));
      const [regsOn, salesOn, giftsOn] = [byDate(regs), byDate(sales), byDate(gifts)];
      const series = Array.from({ length: days }, (_, i) => {
        const date = new Date(since.getTime() + i * DAY_MS).toISOString().slice(0, 10);
        return {
          date,
          registrations: regsOn.get(date)?.n ?? 0,
          coinsSold: salesOn.get(date)?.coins ?? 0,
          gifts: giftsOn.get(date)?.gifts ?? 0,
        };
      });
      return {
        period,
        since: since.toISOString(),
        liveStreams: live.streams,
        viewersNow: live.viewers,
        registrations: sum(regs, (r) => r.n),
        coinsSold: sum(sales, (r) => r.coins),
        paymentsCompleted: sum(sales, (r) => r.payments),
        giftsSent: sum(gifts, (r) => r.gifts),
        giftCoins: sum(gifts, (r) => r.coins),
        beansEarned: sum(gifts, (r) => r.beans),
        payoutsPending: pending,
        series,
      };
    },
  };
}

export type AdminDashboardService = ReturnType<typeof createAdminDashboardService>;
