import type { AdminCoinPackage } from '@airwave/shared';
import { asc, eq } from 'drizzle-orm';
import type { Db, Tx } from '../db/client.ts';
import { coinPackages, giftCatalog } from '../db/schema/index.ts';

type PackageRow = typeof coinPackages.$inferSelect;

export const toAdminCoinPackage = (p: PackageRow): AdminCoinPackage => ({
  id: p.id,
  coins: p.coins,
  bonusCoins: p.bonusCoins,
  priceCents: p.priceCents,
  currency: p.currency,
  active: p.active,
  sortOrder: p.sortOrder,
});

/** Coin packages (no service of their own elsewhere) and the gift row an edit starts from. */
export function createAdminCatalogRepository(db: Db) {
  return {
    /** Locked, so the audited "before" is what the edit replaced. */
    async giftType(id: string, tx: Tx) {
      const [row] = await tx.select().from(giftCatalog).where(eq(giftCatalog.id, id)).for('update');
      return row;
    },

    async packages(): Promise<PackageRow[]> {
      return db
        .select()
        .from(coinPackages)
        .orderBy(asc(coinPackages.sortOrder), asc(coinPackages.priceCents));
    },

    async lockPackage(tx: Tx, id: string): Promise<PackageRow | undefined> {
      const [row] = await tx.select().from(coinPackages).where(eq(coinPackages.id, id)).for('update');
      return row;
    },

    /** Undefined when the id is taken. */
    async insertPackage(tx: Tx, values: Omit<typeof coinPackages.$inferInsert, 'createdAt'>) {
      const [row] = await tx.insert(coinPackages).values(values).onConflictDoNothing().returning();
      return row;
    },

    async updatePackage(tx: Tx, id: string, patch: Partial<Omit<PackageRow, 'id' | 'createdAt'>>) {
      const [row] = await tx.update(coinPackages).set(patch).where(eq(coinPackages.id, id)).returning();
      if (!row) throw new Error('package vanished under a row lock');
      return row;
    },
  };
}

export type AdminCatalogRepository = ReturnType<typeof createAdminCatalogRepository>;
