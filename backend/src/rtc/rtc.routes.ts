import { Router } from 'express';
import { z } from 'zod';
import type { Config } from '../config.ts';
import type { AuthMiddleware } from '../http/auth.middleware.ts';
import { parseInput } from '../http/errors.ts';
import { iceServersFor } from './ice-servers.ts';

/** Anonymous viewers behind a strict NAT need TURN too, so no sign-in is required. */
export function rtcRoutes(media: Config['media'], mw: AuthMiddleware): Router {
  const r = Router();
  r.get('/ice-servers', mw.optionalAuth, (req, res) => {
    parseInput(z.object({}).strict(), req.query, 'query');
    res.set('cache-control', 'no-store');
    res.json(iceServersFor(media, req.principal?.userId ?? 'anonymous'));
  });
  return r;
}
