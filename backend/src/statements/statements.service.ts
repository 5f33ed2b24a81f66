import type { JournalPage, Receipt } from '@airwave/shared';
import { serialCursor } from '../admin/admin-paging.ts';
import { AppError } from '../core/app-error.ts';
import { type Cell, csvLine } from './csv.ts';
import type { StatementsRepository } from './statements.repository.ts';

const HEADER = ['time_utc', 'type', 'status', 'from', 'coins', 'beans', 'promo_beans', 'reference', 'note'];

/** What each kind of bean movement is called in a statement. */
const TYPE: Record<string, string> = {
  gift_received: 'gift',
  payout_hold: 'payout requested',
  payout_release: 'payout returned',
  admin_adjust: 'adjustment',
  grant: 'grant',
  exchange: 'exchange',
};

export function createStatementsService(repo: StatementsRepository) {
  return {
    /**
     * A user's bean statement for whole UTC days [from, to]: each gift received (who sent it, the
     * coins it cost, the beans it earned, whether they are still pending, on hold or available),
     * each hold lot released, payouts and every other bean movement, from the ledger.
     */
    async statementCsv(userId: string, q: { from: string; to: string }): Promise<string> {
      const from = new Date(`${q.from}T00:00:00.000Z`);
      const to = new Date(new Date(`${q.to}T00:00:00.000Z`).getTime() + 86_400_000);
      const [movements, releases] = await Promise.all([
        repo.beanMovements(userId, from, to),
        repo.holdReleases(userId, from, to),
      ]);
      const lines: Array<{ at: Date; cells: Cell[] }> = movements.map((r) => ({
        at: r.createdAt,
        cells: [
          r.createdAt.toISOString(),
          TYPE[r.kind] ?? r.kind,
          r.kind === 'gift_received' ? r.stage : 'settled',
          r.counterpart,
          r.giftCoins,
          r.delta,
          r.promoDelta,
          r.giftId ?? r.reference,
          r.reason,
        ],
      }));
      // A release moves beans the statement already counted with their gifts from on hold to
      // available: listed, but not added to the total again.
      for (const h of releases) {
        const at = h.releasedAt ?? h.releaseAt;
        lines.push({
          at,
          cells: [
            at.toISOString(),
            'hold released',
            'available',
            null,
            null,
            h.beans,
            h.promoBeans,
            `hold:${h.id}`,
            `gifts of ${h.earnedHour.toISOString().slice(0, 13)}h UTC; counted with them`,
          ],
        });
      }
      lines.sort((a, b) => a.at.getTime() - b.at.getTime());
      let out = `\uFEFF${csvLine(HEADER)}`;
      for (const l of lines) out += csvLine(l.cells);
      const total = movements.reduce((sum, r) => sum + r.delta, 0);
      out += csvLine(['total', null, null, null, null, total, null, null, `${q.from}..${q.to}`]);
      return out;
    },

    async receipts(userId: string): Promise<Receipt[]> {
      return (await repo.receipts(userId)).map((p) => ({
        id: p.id,
        createdAt: p.createdAt.toISOString(),
        packageId: p.packageId,
        coins: p.coinsReceived,
        amountCents: p.amount,
        currency: p.currency,
        status: p.status,
        provider: p.paymentProvider,
        reference: p.paymentIntentId ?? p.transactionId,
      }));
    },

    async journal(userId: string, q: { cursor?: string; limit: number }): Promise<JournalPage> {
      const after = serialCursor(q.cursor);
      if (!(await repo.userExists(userId))) throw new AppError('NOT_FOUND', 'No such user.');
      const rows = await repo.journal(userId, after, q.limit);
      const page = rows.slice(0, q.limit);
      const last = page.at(-1);
      return {
        items: page.map(({ entry: e, counterpart: c }) => ({
          id: e.id,
          account: e.account,
          delta: e.delta,
          promoDelta: e.promoDelta,
          balanceAfter: e.balanceAfter,
          kind: e.kind,
          counterpart: c?.id ? { id: c.id, nickname: c.nickname } : null,
          streamId: e.streamId,
          giftId: e.giftId,
          paymentId: e.paymentId,
          reference: e.reference,
          reason: e.reason,
          actorId: e.actorId,
          createdAt: e.createdAt.toISOString(),
        })),
        nextCursor: rows.length > page.length && last ? String(last.entry.id) : null,
      };
    },
  };
}

export type StatementsService = ReturnType<typeof createStatementsService>;
