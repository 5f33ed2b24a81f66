import { StreamIdParams, TopGiftersQuery, UserIdParams } from '@airwave/shared';
import { Router } from 'express';
import { parseInput } from '../core/app-error.ts';
import type { GiftsService } from './gifts.service.ts';

export function giftsRoutes(gifts: GiftsService): Router {
  const r = Router();
  r.get('/', async (_req, res) => {
    res.json(await gifts.catalog());
  });
  return r;
}

/** Leaderboards, mounted beside the streams and users routers. */
export function leaderboardRoutes(gifts: GiftsService) {
  const streams = Router();
  streams.get('/:id/top-gifters', async (req, res) => {
    const { id } = parseInput(StreamIdParams, req.params, 'stream id');
    res.json(await gifts.topGiftersOfStream(id));
  });
  const users = Router();
  users.get('/:id/top-gifters', async (req, res) => {
    const { id } = parseInput(UserIdParams, req.params, 'user id');
    const { period } = parseInput(TopGiftersQuery, req.query, 'query');
    res.json(await gifts.topGiftersOfStreamer(id, period));
  });
  return { streams, users };
}
