import {
  AdminBannedWordBody,
  AdminModerationLogQuery,
  AdminReportDecisionBody,
  AdminReportsQuery,
  BannedWordParams,
  ReportIdParams,
} from '@airwave/shared';
import { Router } from 'express';
import { parseInput } from '../core/app-error.ts';
import { type AuthMiddleware, principalOf } from '../http/auth.middleware.ts';
import type { AdminModerationService } from './admin-moderation.service.ts';

/** /api/admin reports, moderation log and banned words: for moderators and admins. */
export function adminModerationRoutes(service: AdminModerationService, mw: AuthMiddleware): Router {
  const r = Router();
  const guard = [mw.requireAuth, mw.requireRole('moderator', 'admin')];

  r.get('/reports', ...guard, async (req, res) => {
    res.json(await service.reports(parseInput(AdminReportsQuery, req.query, 'query')));
  });

  for (const [path, status] of [
    ['/reports/:id/resolve', 'resolved'],
    ['/reports/:id/dismiss', 'dismissed'],
  ] as const) {
    r.post(path, ...guard, async (req, res) => {
      const { id } = parseInput(ReportIdParams, req.params, 'report id');
      const { note } = parseInput(AdminReportDecisionBody, req.body, 'decision');
      await service.decide(principalOf(req), id, status, note);
      res.status(204).end();
    });
  }

  r.get('/moderation-log', ...guard, async (req, res) => {
    res.json(await service.log(parseInput(AdminModerationLogQuery, req.query, 'query')));
  });

  r.get('/banned-words', ...guard, async (_req, res) => {
    res.json(await service.bannedWords());
  });

  r.post('/banned-words', ...guard, async (req, res) => {
    const { word, reason } = parseInput(AdminBannedWordBody, req.body, 'banned word');
    res.status(201).json(await service.addBannedWord(principalOf(req), word, reason));
  });

  r.delete('/banned-words/:word', ...guard, async (req, res) => {
    const { word } = parseInput(BannedWordParams, req.params, 'banned word');
    await service.removeBannedWord(principalOf(req), word);
    res.status(204).end();
  });

  return r;
}
