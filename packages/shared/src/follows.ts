import { z } from 'zod';
import { StreamerSummary } from './streams.ts';
import { Id } from './users.ts';

/** A channel's follower count (public to everyone), and whether the caller follows it (null when signed out). */
export const FollowState = z.object({
  streamerId: Id,
  followerCount: z.number().int().nonnegative(),
  following: z.boolean().nullable(),
  /** When the caller started following; null when they do not (or are signed out). */
  followedAt: z.iso.datetime().nullable(),
});
export type FollowState = z.infer<typeof FollowState>;

/** The live stream of a followed channel, if it is on air now. */
export const FollowedLive = z.object({
  streamId: Id,
  title: z.string(),
  viewerCount: z.number().int().nonnegative(),
  startedAt: z.iso.datetime(),
});
export type FollowedLive = z.infer<typeof FollowedLive>;

export const FollowedChannel = z.object({
  streamer: StreamerSummary,
  followedAt: z.iso.datetime(),
  live: FollowedLive.nullable(),
});
export type FollowedChannel = z.infer<typeof FollowedChannel>;

/** The signed-in user's followed channels: live ones first (most viewers first), then the rest by nickname. */
export const FollowingList = z.object({ channels: z.array(FollowedChannel) });
export type FollowingList = z.infer<typeof FollowingList>;
