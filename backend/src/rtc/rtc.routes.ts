import { Router } from 'express';
import { z } from 'zod';
import { parseInput } from '../core/app-error.ts';
import type { IceServers } from './ice-servers.ts';

/**
 * STUN only, for anyone: TURN credentials come over the socket once it has joined a live stream
 * (`rtc-ice-servers`). Kept so that clients built before that still get STUN.
 */
export function rtcRoutes(iceServers: IceServers): Router {
  const r = Router();
  r.get('/ice-servers', (req, res) => {
    parseInput(z.object({}).strict(), req.query, 'query');
    res.set('cache-control', 'no-store');
    res.json(iceServers.public());
  });
  return r;
}
