import {
  CreateStreamBody,
  EndStreamBody,
  ListStreamsQuery,
  StreamIdParams,
  THUMBNAIL_MAX_BYTES,
  THUMBNAIL_TYPES,
  UpdateStreamBody,
} from '@airwave/shared';
import express, { Router } from 'express';
import { AppError, parseInput } from '../core/app-error.ts';
import { type AuthMiddleware, principalOf } from '../http/auth.middleware.ts';
import type { StreamsService } from './streams.service.ts';

export function streamsRoutes(streams: StreamsService, mw: AuthMiddleware): Router {
  const r = Router();

  r.get('/', async (req, res) => {
    const query = parseInput(ListStreamsQuery, req.query, 'query');
    res.json(await streams.list(query));
  });

  r.post('/', mw.requireAuth, async (req, res) => {
    const body = parseInput(CreateStreamBody, req.body, 'stream');
    res.status(201).json(await streams.create(principalOf(req), body));
  });

  r.get('/:id', async (req, res) => {
    const { id } = parseInput(StreamIdParams, req.params, 'stream id');
    res.json(await streams.get(id));
  });

  r.patch('/:id', mw.requireAuth, async (req, res) => {
    const { id } = parseInput(StreamIdParams, req.params, 'stream id');
    const body = parseInput(UpdateStreamBody, req.body, 'stream update');
    res.json(await streams.update(principalOf(req), id, body));
  });

  r.post('/:id/end', mw.requireAuth, async (req, res) => {
    const { id } = parseInput(StreamIdParams, req.params, 'stream id');
    parseInput(EndStreamBody, req.body ?? {}, 'end request');
    res.json(await streams.end(principalOf(req), id));
  });

  r.put(
    '/:id/thumbnail',
    mw.requireAuth,
    express.raw({ type: [...THUMBNAIL_TYPES], limit: THUMBNAIL_MAX_BYTES }),
    async (req, res) => {
      const { id } = parseInput(StreamIdParams, req.params, 'stream id');
      if (!Buffer.isBuffer(req.body)) {
        throw new AppError(
          'VALIDATION_FAILED',
          `Send the image with Content-Type ${THUMBNAIL_TYPES.join(', ')}.`,
        );
      }
      res.json(await streams.saveThumbnail(principalOf(req), id, req.body));
    },
  );

  r.get('/:id/thumbnail', async (req, res) => {
    const { id } = parseInput(StreamIdParams, req.params, 'stream id');
    const image = await streams.readThumbnail(id);
    // A public picture the apps on other origins (the phone app's web export) show in <img>: helmet's
    // same-origin resource policy would block it there.
    res
      .type(image.type)
      .set({ 'Cache-Control': 'public, max-age=30', 'Cross-Origin-Resource-Policy': 'cross-origin' })
      .send(image.data);
  });

  return r;
}

export function categoriesRoutes(streams: StreamsService): Router {
  const r = Router();
  r.get('/', async (_req, res) => {
    res.json(await streams.categories());
  });
  return r;
}
