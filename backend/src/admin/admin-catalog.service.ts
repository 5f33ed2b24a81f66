import type {
  AdminCoinPackage,
  AdminCoinPackageList,
  AdminGiftList,
  CoinPackageInput,
  CoinPackagePatch,
  GiftItem,
  GiftTypeInput,
  GiftTypePatch,
  Principal,
} from '@airwave/shared';
import { recordAudit } from '../audit/record-audit.ts';
import { AppError } from '../core/app-error.ts';
import type { Db, Tx } from '../db/client.ts';
import type { GiftsService } from '../gifts/gifts.service.ts';
import { type AdminCatalogRepository, toAdminCoinPackage } from './admin-catalog.repository.ts';

interface Deps {
  db: Db;
  repo: AdminCatalogRepository;
  gifts: GiftsService;
}

/**
 * The gift catalog (through the gifts service) and coin packages. Nothing is ever deleted: sent
 * gifts and payments point at these rows, so an item leaves the shop with `active: false`.
 * Payments and gifts copy price and value when they happen, so an edit changes nothing past.
 */
export function createAdminCatalogService({ db, repo, gifts }: Deps) {
  const audit = (
    tx: Tx,
    actor: Principal,
    action: string,
    type: string,
    id: string,
    before: unknown,
    after: unknown,
  ) => recordAudit(tx, { actorId: actor.userId, action, targetType: type, targetId: id, before, after });

  return {
    gifts: (): Promise<AdminGiftList> => gifts.fullCatalog(),

    createGift: (actor: Principal, input: GiftTypeInput): Promise<GiftItem> =>
      db.transaction(async (tx) => {
        const created = await gifts.createType(input, tx);
        await audit(tx, actor, 'gift.create', 'gift', created.id, null, created);
        return created;
      }),

    updateGift: (actor: Principal, id: string, patch: GiftTypePatch): Promise<GiftItem> =>
      db.transaction(async (tx) => {
        const before = await repo.giftType(id, tx);
        if (!before) throw new AppError('NOT_FOUND', 'No such gift.');
        const updated = await gifts.updateType(id, patch, tx);
        const changed = Object.keys(patch) as Array<keyof GiftItem & keyof typeof before>;
        await audit(
          tx,
          actor,
          'gift.update',
          'gift',
          id,
          Object.fromEntries(changed.map((k) => [k, before[k]])),
          Object.fromEntries(changed.map((k) => [k, updated[k]])),
        );
        return updated;
      }),

    async packages(): Promise<AdminCoinPackageList> {
      return { items: (await repo.packages()).map(toAdminCoinPackage) };
    },

    async createPackage(actor: Principal, input: CoinPackageInput): Promise<AdminCoinPackage> {
      return db.transaction(async (tx) => {
        const row = await repo.insertPackage(tx, input);
        if (!row) throw new AppError('CONFLICT', `A coin package with the id "${input.id}" already exists.`);
        const created = toAdminCoinPackage(row);
        await recordAudit(tx, {
          actorId: actor.userId,
          action: 'coin-package.create',
          targetType: 'coin_package',
          targetId: row.id,
          before: null,
          after: created,
        });
        return created;
      });
    },

    async updatePackage(actor: Principal, id: string, patch: CoinPackagePatch): Promise<AdminCoinPackage> {
      return db.transaction(async (tx) => {
        const before = await repo.lockPackage(tx, id);
        if (!before) throw new AppError('NOT_FOUND', 'No such coin package.');
        const updated = toAdminCoinPackage(await repo.updatePackage(tx, id, patch));
        const changed = Object.keys(patch) as Array<keyof AdminCoinPackage>;
        await recordAudit(tx, {
          actorId: actor.userId,
          action: 'coin-package.update',
          targetType: 'coin_package',
          targetId: id,
          before: Object.fromEntries(changed.map((k) => [k, toAdminCoinPackage(before)[k]])),
          after: Object.fromEntries(changed.map((k) => [k, updated[k]])),
        });
        return updated;
      });
    },
  };
}

export type AdminCatalogService = ReturnType<typeof createAdminCatalogService>;
