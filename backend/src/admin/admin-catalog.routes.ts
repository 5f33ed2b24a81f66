import {
  CoinPackageInput,
  CoinPackageParams,
  CoinPackagePatch,
  GiftTypeInput,
  GiftTypePatch,
  IdParams,
} from '@airwave/shared';
import { Router } from 'express';
import { parseInput } from '../core/app-error.ts';
import { type AuthMiddleware, principalOf } from '../http/auth.middleware.ts';
import type { AdminCatalogService } from './admin-catalog.service.ts';

/** /api/admin/gifts and /api/admin/coin-packages: admins only. No DELETE: items are deactivated. */
export function adminCatalogRoutes(service: AdminCatalogService, mw: AuthMiddleware): Router {
  const r = Router();
  const guard = [mw.requireAuth, mw.requireRole('admin')];

  r.get('/gifts', ...guard, async (_req, res) => {
    res.json(await service.gifts());
  });
  r.post('/gifts', ...guard, async (req, res) => {
    const body = parseInput(GiftTypeInput, req.body, 'gift');
    res.status(201).json(await service.createGift(principalOf(req), body));
  });
  r.patch('/gifts/:id', ...guard, async (req, res) => {
    const { id } = parseInput(IdParams, req.params, 'gift id');
    const patch = parseInput(GiftTypePatch, req.body, 'gift');
    res.json(await service.updateGift(principalOf(req), id, patch));
  });

  r.get('/coin-packages', ...guard, async (_req, res) => {
    res.json(await service.packages());
  });
  r.post('/coin-packages', ...guard, async (req, res) => {
    const body = parseInput(CoinPackageInput, req.body, 'coin package');
    res.status(201).json(await service.createPackage(principalOf(req), body));
  });
  r.patch('/coin-packages/:id', ...guard, async (req, res) => {
    const { id } = parseInput(CoinPackageParams, req.params, 'coin package id');
    const patch = parseInput(CoinPackagePatch, req.body, 'coin package');
    res.json(await service.updatePackage(principalOf(req), id, patch));
  });

  return r;
}
