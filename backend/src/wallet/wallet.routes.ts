import { WalletHistoryQuery } from '@airwave/shared';
import { Router } from 'express';
import { parseInput } from '../core/app-error.ts';
import { type AuthMiddleware, principalOf } from '../http/auth.middleware.ts';
import type { WalletService } from './wallet.service.ts';

export function walletRoutes(wallet: WalletService, mw: AuthMiddleware): Router {
  const r = Router();
  // Public: clients show "streamer receives N beans" before anyone signs in.
  r.get('/rates', (_req, res) => {
    res.json(wallet.rates());
  });
  r.get('/', mw.requireAuth, async (req, res) => {
    res.json(await wallet.wallet(principalOf(req).userId));
  });
  r.get('/history', mw.requireAuth, async (req, res) => {
    const query = parseInput(WalletHistoryQuery, req.query, 'query');
    res.json(await wallet.history(principalOf(req).userId, query));
  });
  return r;
}
