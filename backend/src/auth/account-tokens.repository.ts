import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { accountTokens } from '../db/schema/index.ts';

export type LinkPurpose = (typeof accountTokens.$inferSelect)['purpose'];

/** Who a live link belongs to, and the address it was mailed to. */
export interface LinkClaim {
  userId: string;
  email: string;
}

const live = (purpose: LinkPurpose, tokenHash: string) =>
  and(
    eq(accountTokens.tokenHash, tokenHash),
    eq(accountTokens.purpose, purpose),
    isNull(accountTokens.usedAt),
    gt(accountTokens.expiresAt, new Date()),
  );

export function createAccountTokensRepository(db: Db) {
  return {
    /** Stores a new link's hash; it replaces the user's earlier links of that purpose (only the latest mail works). */
    async issue(link: LinkClaim & { purpose: LinkPurpose; tokenHash: string; expiresAt: Date }) {
      await db.transaction(async (tx) => {
        await tx
          .update(accountTokens)
          .set({ usedAt: new Date() })
          .where(
            and(
              eq(accountTokens.userId, link.userId),
              eq(accountTokens.purpose, link.purpose),
              isNull(accountTokens.usedAt),
            ),
          );
        await tx.insert(accountTokens).values(link);
      });
    },

    /** The link, if it is unused and unexpired; spends nothing. */
    async find(purpose: LinkPurpose, tokenHash: string): Promise<LinkClaim | undefined> {
      const [row] = await db
        .select({ userId: accountTokens.userId, email: accountTokens.email })
        .from(accountTokens)
        .where(live(purpose, tokenHash));
      return row;
    },

    /** Spends the link in one conditional UPDATE, so two requests with it cannot both win. */
    async consume(purpose: LinkPurpose, tokenHash: string): Promise<LinkClaim | undefined> {
      const [row] = await db
        .update(accountTokens)
        .set({ usedAt: new Date() })
        .where(live(purpose, tokenHash))
        .returning({ userId: accountTokens.userId, email: accountTokens.email });
      return row;
    },
  };
}

export type AccountTokensRepository = ReturnType<typeof createAccountTokensRepository>;
