import { AdminEndStreamBody, AdminPageQuery, AdminStreamsQuery, IdParams } from '@airwave/shared';
import { Router } from 'express';
import { parseInput } from '../core/app-error.ts';
import { type AuthMiddleware, principalOf } from '../http/auth.middleware.ts';
import type { AdminStreamsService } from './admin-streams.service.ts';

/** /api/admin/streams: moderators may use these too (they can already end any stream). */
export function adminStreamsRoutes(service: AdminStreamsService, mw: AuthMiddleware): Router {
  const r = Router();
  r.use(mw.requireAuth, mw.requireRole('moderator', 'admin'));

  r.get('/', async (req, res) => {
    res.json(await service.list(parseInput(AdminStreamsQuery, req.query, 'query')));
  });

  r.post('/:id/end', async (req, res) => {
    const { id } = parseInput(IdParams, req.params, 'stream id');
    const { reason } = parseInput(AdminEndStreamBody, req.body, 'end request');
    res.json(await service.end(principalOf(req), id, reason));
  });

  r.get('/:id/chat', async (req, res) => {
    const { id } = parseInput(IdParams, req.params, 'stream id');
    res.json(await service.chat(id, parseInput(AdminPageQuery, req.query, 'query')));
  });

  r.get('/:id/gifts', async (req, res) => {
    const { id } = parseInput(IdParams, req.params, 'stream id');
    res.json(await service.gifts(id, parseInput(AdminPageQuery, req.query, 'query')));
  });

  return r;
}
