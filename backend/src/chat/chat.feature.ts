import type { Config } from '../config.ts';
import { defineFeature } from '../core/feature.ts';
import type { Db } from '../db/client.ts';
import type { BusinessEvents } from '../platform/business-events.ts';
import type { LimiterFactory } from '../platform/rate-limit.ts';
import type { StreamsService } from '../streams/streams.service.ts';
import { createChatRepository } from './chat.repository.ts';
import { createChatService } from './chat.service.ts';
import { chatEvents } from './chat.socket.ts';

interface Deps {
  db: Db;
  config: Config;
  streams: StreamsService;
  limiterFactory: LimiterFactory;
  events: BusinessEvents;
}

/** Chat in stream rooms: socket events only (the rooms feature reads history through `chat`). */
export function createChatFeature({ db, config, streams, limiterFactory, events }: Deps) {
  const chat = createChatService({
    repo: createChatRepository(db),
    streams,
    limiterFactory,
    messageRate: config.rateLimits.chat,
    events,
  });
  return defineFeature({
    chat,
    registerSocket({ io, addEvents }) {
      addEvents(chatEvents({ io, chat }));
    },
  });
}
