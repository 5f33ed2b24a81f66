import { defineFeature } from '../core/feature.ts';
import type { Db } from '../db/client.ts';
import type { LimiterFactory, LimitRule } from '../platform/rate-limit.ts';
import { createFollowsRepository } from './follows.repository.ts';
import { followsHandlers } from './follows.routes.ts';
import { createFollowsService } from './follows.service.ts';

/**
 * Follow and unfollow changes per user: generous for a person clicking through channels, short of
 * a script flipping a follow to spam a streamer's follower count.
 */
export const FOLLOW_CHANGES: LimitRule = { points: 30, durationSeconds: 60 };

/** Follows under /api/users/:id/follow and the signed-in user's /api/users/me/following. */
export function createFollowsFeature({ db, limiterFactory }: { db: Db; limiterFactory: LimiterFactory }) {
  const follows = createFollowsService(
    createFollowsRepository(db),
    limiterFactory('follows', FOLLOW_CHANGES),
  );
  return defineFeature({ follows, routes: followsHandlers(follows) });
}
