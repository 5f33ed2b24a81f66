import { defineFeature } from '../core/feature.ts';
import type { Db } from '../db/client.ts';
import type { LimiterFactory } from '../platform/rate-limit.ts';
import type { UsersRepository } from '../users/users.repository.ts';
import { createBlocksRepository } from './blocks.repository.ts';
import { blocksHandlers } from './blocks.routes.ts';
import { createBlocksService } from './blocks.service.ts';

/** Block and unblock changes a user may make per minute: far above what a person clicks. */
const CHANGES_PER_MINUTE = 30;

/**
 * Blocking under /api/blocks. Its service goes to the features that refuse a blocked user (gifts);
 * hiding a blocked user's chat is the blocker's client's job, from its own list, so the room never
 * treats the blocked user differently.
 */
export function createBlocksFeature(deps: {
  db: Db;
  usersRepo: UsersRepository;
  limiterFactory: LimiterFactory;
}) {
  const blocks = createBlocksService({
    repo: createBlocksRepository(deps.db),
    users: deps.usersRepo,
    limiter: deps.limiterFactory('blocks', { points: CHANGES_PER_MINUTE, durationSeconds: 60 }),
  });
  return defineFeature({ blocks, routes: blocksHandlers(blocks) });
}
