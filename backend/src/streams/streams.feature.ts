import path from 'node:path';
import type { Config } from '../config.ts';
import type { EventBus } from '../core/event-bus.ts';
import { defineFeature, type Mounts } from '../core/feature.ts';
import type { Db } from '../db/client.ts';
import type { AuthMiddleware } from '../http/auth.middleware.ts';
import { createStreamsRepository } from './streams.repository.ts';
import { categoriesRoutes, streamsRoutes } from './streams.routes.ts';
import { createStreamsService } from './streams.service.ts';

interface Deps {
  db: Db;
  config: Config;
  bus: EventBus;
  mw: AuthMiddleware;
}

/** Streams and categories; updates and ends go out on the bus as `stream.updated` / `stream.ended`. */
export function createStreamsFeature({ db, config, bus, mw }: Deps) {
  const repo = createStreamsRepository(db);
  const streams = createStreamsService({
    repo,
    mediaMode: config.media.mode === 'sfu' ? 'sfu' : 'p2p',
    thumbnailsDir: path.join(config.dataDir, 'thumbnails'),
    bus,
  });
  const routes: Mounts = [
    ['/streams', streamsRoutes(streams, mw)],
    ['/categories', categoriesRoutes(streams)],
  ];
  return defineFeature({ streams, repo, routes });
}
