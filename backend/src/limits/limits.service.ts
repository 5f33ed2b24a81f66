import type { MyLimits, SetGiftLimitBody } from '@airwave/shared';
import { recordAudit } from '../audit/record-audit.ts';
import type { Config } from '../config.ts';
import { AppError } from '../core/app-error.ts';
import type { Db, Tx } from '../db/client.ts';
import type { LimitsRepository, SpendingLimitRow } from './limits.repository.ts';

type Settings = Config['limits'];

/** UTC periods: a day starts at midnight UTC, a month on the 1st; both reset for everyone at once. */
export const utcDay = (now: Date) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
const nextUtcDay = (now: Date) => new Date(utcDay(now).getTime() + 86_400_000);
const utcMonth = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
const nextUtcMonth = (now: Date) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
const dayKey = (now: Date) => utcDay(now).toISOString().slice(0, 10);

/** The user's own cap as it applies at `now` (a raise whose cooling-off passed applies). */
function ownCapNow(row: SpendingLimitRow | undefined, now: Date): number | null {
  if (!row) return null;
  return row.raiseAt && row.raiseAt <= now ? row.raiseTo : row.giftDailyCap;
}

/** The smaller of two caps where null means none (the same rule as the gift trigger in 0010). */
const tighter = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));

/** null (no cap) is looser than any number. */
const looser = (a: number | null, b: number | null) => (a === null ? b !== null : b !== null && a > b);

export function createLimitsService({
  db,
  repo,
  settings,
  now = () => new Date(),
}: {
  db: Db;
  repo: LimitsRepository;
  settings: Settings;
  now?: () => Date;
}) {
  async function view(userId: string): Promise<MyLimits> {
    const at = now();
    const [createdAt, bought, own, giftSpent] = await Promise.all([
      repo.userCreatedAt(userId),
      repo.purchasedSince(db, userId, utcDay(at), utcMonth(at)),
      repo.own(userId),
      repo.giftSpent(userId, dayKey(at)),
    ]);
    const availableAt = createdAt ? new Date(createdAt.getTime() + settings.newAccountPurchaseDelayMs) : at;
    const ownLimit = ownCapNow(own, at);
    const pending =
      own?.raiseAt && own.raiseAt > at ? { to: own.raiseTo, effectiveAt: own.raiseAt.toISOString() } : null;
    return {
      purchases: {
        daily: {
          limit: settings.purchaseDailyCoins,
          used: bought.day,
          resetsAt: nextUtcDay(at).toISOString(),
        },
        monthly: {
          limit: settings.purchaseMonthlyCoins,
          used: bought.month,
          resetsAt: nextUtcMonth(at).toISOString(),
        },
        availableAt: availableAt > at ? availableAt.toISOString() : null,
      },
      gifts: {
        limit: tighter(ownLimit, settings.giftDailyCoins),
        used: giftSpent,
        resetsAt: nextUtcDay(at).toISOString(),
        platformLimit: settings.giftDailyCoins,
        ownLimit,
        pendingRaise: pending,
        coolingOffHours: Math.round(settings.raiseCoolingOffMs / 3_600_000),
      },
    };
  }

  return {
    settings,
    view,

    /** At start-up: the gift trigger reads the platform's cap from the database. */
    syncPlatformGiftCap: () => repo.syncPlatformGiftCap(settings.giftDailyCoins),

    /**
     * Refuses a checkout the account may not start, inside the checkout's transaction: the buyer's
     * row is locked first, so concurrent checkouts of one account are counted one after the other.
     */
    async assertPurchaseAllowed(tx: Tx, userId: string, coins: number): Promise<void> {
      const at = now();
      const buyer = await repo.lockBuyer(tx, userId);
      if (!buyer) throw new AppError('NOT_FOUND', 'User not found.');
      const availableAt = new Date(buyer.createdAt.getTime() + settings.newAccountPurchaseDelayMs);
      if (availableAt > at) {
        throw new AppError('PURCHASE_TOO_SOON', 'New accounts cannot buy coins yet.', {
          availableAt: availableAt.toISOString(),
        });
      }
      const bought = await repo.purchasedSince(tx, userId, utcDay(at), utcMonth(at));
      const daily = settings.purchaseDailyCoins;
      if (daily !== null && bought.day + coins > daily) {
        throw new AppError('PURCHASE_DAILY_LIMIT', `This would pass your daily limit of ${daily} coins.`, {
          limit: daily,
          used: bought.day,
          requested: coins,
          resetsAt: nextUtcDay(at).toISOString(),
        });
      }
      const monthly = settings.purchaseMonthlyCoins;
      if (monthly !== null && bought.month + coins > monthly) {
        throw new AppError(
          'PURCHASE_MONTHLY_LIMIT',
          `This would pass your monthly limit of ${monthly} coins.`,
          {
            limit: monthly,
            used: bought.month,
            requested: coins,
            resetsAt: nextUtcMonth(at).toISOString(),
          },
        );
      }
    },

    /**
     * Self-exclusion: a lower own cap applies at once (the next gift is checked against it); a
     * higher one, or none, only after the cooling-off period, as regulated operators do, so a
     * decision taken calmly cannot be undone in the heat of the moment. Audited either way.
     */
    async setGiftLimit(userId: string, body: SetGiftLimitBody): Promise<MyLimits> {
      const wanted = body.coinsPerDay;
      await db.transaction(async (tx) => {
        const at = now();
        const row = await repo.lockOwn(tx, userId);
        const current = ownCapNow(row, at);
        const before = { cap: current, raiseTo: row.raiseAt && row.raiseAt > at ? row.raiseTo : undefined };
        let after: Pick<SpendingLimitRow, 'giftDailyCap' | 'raiseTo' | 'raiseAt'>;
        if (looser(wanted, current)) {
          after = {
            giftDailyCap: current,
            raiseTo: wanted,
            raiseAt: new Date(at.getTime() + settings.raiseCoolingOffMs),
          };
        } else {
          // Lower (or the same): at once, and any raise still waiting is dropped.
          after = { giftDailyCap: wanted, raiseTo: null, raiseAt: null };
        }
        await repo.saveOwn(tx, userId, after);
        await recordAudit(tx, {
          actorId: userId,
          action: after.raiseAt ? 'limits.gift_cap_raise_requested' : 'limits.gift_cap_lowered',
          targetType: 'user',
          targetId: userId,
          before,
          after: {
            cap: after.giftDailyCap,
            raiseTo: after.raiseTo,
            raiseAt: after.raiseAt?.toISOString() ?? null,
          },
        });
      });
      return view(userId);
    },
  };
}

export type LimitsService = ReturnType<typeof createLimitsService>;
