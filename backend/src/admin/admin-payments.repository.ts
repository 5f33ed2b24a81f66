import type { AdminPaymentsQuery } from '@airwave/shared';
import { and, desc, eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { payments, users } from '../db/schema/index.ts';
import { toAdminPayment } from './admin.mappers.ts';
import { afterTime, pageOf, timeCursor, timeCursorOf, timeKey } from './admin-paging.ts';

export type PaymentFilter = Omit<AdminPaymentsQuery, 'limit'> & { limit: number };

export function createAdminPaymentsRepository(db: Db) {
  return {
    /** Payments newest first, with the buyer and the provider's ids. */
    async list(f: PaymentFilter) {
      const cursor = timeCursor(f.cursor);
      const rows = await db
        .select({
          payment: payments,
          user: { id: users.id, nickname: users.nickname, email: users.email },
          sortKey: timeKey(payments.createdAt),
        })
        .from(payments)
        .innerJoin(users, eq(users.id, payments.userId))
        .where(
          and(
            f.status ? eq(payments.status, f.status) : undefined,
            f.provider ? eq(payments.paymentProvider, f.provider) : undefined,
            f.userId ? eq(payments.userId, f.userId) : undefined,
            afterTime(payments.createdAt, payments.id, cursor),
          ),
        )
        .orderBy(desc(payments.createdAt), desc(payments.id))
        .limit(f.limit + 1);
      return pageOf(rows, f.limit, toAdminPayment, (r) =>
        timeCursorOf({ sortKey: r.sortKey, id: r.payment.id }),
      );
    },

    async find(id: string) {
      const [row] = await db
        .select({ payment: payments, user: { id: users.id, nickname: users.nickname, email: users.email } })
        .from(payments)
        .innerJoin(users, eq(users.id, payments.userId))
        .where(eq(payments.id, id));
      return row;
    },
  };
}

export type AdminPaymentsRepository = ReturnType<typeof createAdminPaymentsRepository>;
