import type { adminCatalogRoutes } from '@airwave/shared';
import type { Handlers } from '../http/register-routes.ts';
import type { AdminCatalogService } from './admin-catalog.service.ts';

/** /api/admin/gifts and /api/admin/coin-packages: admins only. No DELETE: items are deactivated. */
export function adminCatalogHandlers(service: AdminCatalogService): Handlers<typeof adminCatalogRoutes> {
  return {
    adminGifts: () => service.gifts(),
    createGift: ({ principal, body }) => service.createGift(principal, body),
    updateGift: ({ principal, params, body }) => service.updateGift(principal, params.id, body),
    adminCoinPackages: () => service.packages(),
    createCoinPackage: ({ principal, body }) => service.createPackage(principal, body),
    updateCoinPackage: ({ principal, params, body }) => service.updatePackage(principal, params.id, body),
  };
}
