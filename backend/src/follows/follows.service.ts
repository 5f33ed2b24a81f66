import type { FollowingList, FollowState, Principal } from '@airwave/shared';
import { AppError } from '../core/app-error.ts';
import type { Limiter } from '../platform/rate-limit.ts';
import type { FollowsRepository } from './follows.repository.ts';

/**
 * Follow and unfollow, follower counts, and a viewer's own following list. Counts are public;
 * who follows whom is only ever told to the follower themselves.
 */
export function createFollowsService(repo: FollowsRepository, limiter: Limiter) {
  async function requireChannel(streamerId: string) {
    if (!(await repo.channelExists(streamerId))) throw new AppError('NOT_FOUND', 'No such channel.');
  }

  async function state(streamerId: string, viewerId: string | undefined): Promise<FollowState> {
    const [followerCount, followedAt] = await Promise.all([
      repo.followerCount(streamerId),
      viewerId ? repo.followedAt(viewerId, streamerId) : null,
    ]);
    return {
      streamerId,
      followerCount,
      following: viewerId ? followedAt !== null : null,
      followedAt: followedAt?.toISOString() ?? null,
    };
  }

  /** Checks shared by follow and unfollow: the channel exists, and the caller is not toggling in a loop. */
  async function change(principal: Principal, streamerId: string) {
    await requireChannel(streamerId);
    await limiter.consume(principal.userId);
  }

  return {
    async state(streamerId: string, principal: Principal | undefined): Promise<FollowState> {
      await requireChannel(streamerId);
      return state(streamerId, principal?.userId);
    },

    /** Idempotent: following again keeps the first follow (and its age). */
    async follow(principal: Principal, streamerId: string): Promise<FollowState> {
      if (streamerId === principal.userId) throw new AppError('CONFLICT', 'You cannot follow yourself.');
      await change(principal, streamerId);
      await repo.follow(principal.userId, streamerId);
      return state(streamerId, principal.userId);
    },

    /** Idempotent: unfollowing a channel you do not follow changes nothing. */
    async unfollow(principal: Principal, streamerId: string): Promise<FollowState> {
      await change(principal, streamerId);
      await repo.unfollow(principal.userId, streamerId);
      return state(streamerId, principal.userId);
    },

    async following(principal: Principal): Promise<FollowingList> {
      return { channels: await repo.following(principal.userId) };
    },
  };
}

export type FollowsService = ReturnType<typeof createFollowsService>;
