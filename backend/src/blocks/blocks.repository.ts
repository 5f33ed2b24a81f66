import { and, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { userBlocks, users } from '../db/schema/index.ts';

export function createBlocksRepository(db: Db) {
  return {
    /** The blocker's list with each blocked user's current nickname, newest first. */
    async listOf(blockerId: string) {
      return db
        .select({
          id: users.id,
          nickname: users.nickname,
          avatarUrl: users.avatarUrl,
          createdAt: userBlocks.createdAt,
        })
        .from(userBlocks)
        .innerJoin(users, eq(users.id, userBlocks.blockedId))
        .where(eq(userBlocks.blockerId, blockerId))
        .orderBy(desc(userBlocks.createdAt), users.id);
    },

    async count(blockerId: string): Promise<number> {
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(userBlocks)
        .where(eq(userBlocks.blockerId, blockerId));
      return row?.n ?? 0;
    },

    /** Adds the pair unless it is there (blocking twice keeps the first time). */
    async add(blockerId: string, blockedId: string): Promise<void> {
      await db.insert(userBlocks).values({ blockerId, blockedId }).onConflictDoNothing();
    },

    async remove(blockerId: string, blockedId: string): Promise<void> {
      await db
        .delete(userBlocks)
        .where(and(eq(userBlocks.blockerId, blockerId), eq(userBlocks.blockedId, blockedId)));
    },

    async exists(blockerId: string, blockedId: string): Promise<boolean> {
      const [row] = await db
        .select({ one: sql<number>`1` })
        .from(userBlocks)
        .where(and(eq(userBlocks.blockerId, blockerId), eq(userBlocks.blockedId, blockedId)));
      return row !== undefined;
    },
  };
}

export type BlocksRepository = ReturnType<typeof createBlocksRepository>;
