import path from 'node:path';
import type { Config } from '../config.ts';
import type { EventBus } from '../core/event-bus.ts';
import { defineFeature } from '../core/feature.ts';
import type { Db } from '../db/client.ts';
import { createStreamsRepository } from './streams.repository.ts';
import { streamsHandlers } from './streams.routes.ts';
import { createStreamsService } from './streams.service.ts';

interface Deps {
  db: Db;
  config: Config;
  bus: EventBus;
}

/** Streams and categories; updates and ends go out on the bus as `stream.updated` / `stream.ended`. */
export function createStreamsFeature({ db, config, bus }: Deps) {
  const repo = createStreamsRepository(db);
  const streams = createStreamsService({
    repo,
    mediaMode: config.media.mode === 'sfu' ? 'sfu' : 'p2p',
    thumbnailsDir: path.join(config.dataDir, 'thumbnails'),
    bus,
  });
  return defineFeature({ streams, repo, routes: streamsHandlers(streams) });
}
