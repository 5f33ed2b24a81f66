import { apiRoutes, type FollowState } from '@airwave/shared';
import type { RouteCaller } from './api.ts';

/** The follow routes for one caller: a signed-in session's `call`, or a public one for counts. */
export function followsApi(call: RouteCaller) {
  return {
    state: (streamerId: string) => call(apiRoutes.followState, { params: { id: streamerId } }),
    follow: (streamerId: string) => call(apiRoutes.follow, { params: { id: streamerId } }),
    unfollow: (streamerId: string) => call(apiRoutes.unfollow, { params: { id: streamerId } }),
    following: () => call(apiRoutes.following),
  };
}

export type FollowsApi = ReturnType<typeof followsApi>;

/** What the follow button flips to before the server answers. */
export function optimisticFollow(state: FollowState, follow: boolean): FollowState {
  if (state.following === follow) return state;
  return {
    ...state,
    following: follow,
    followerCount: Math.max(0, state.followerCount + (follow ? 1 : -1)),
    followedAt: follow ? new Date().toISOString() : null,
  };
}

/**
 * Follows or unfollows as the button asks: `show` gets the optimistic state at once, then the
 * server's, or the state it started from again when the call fails (the failure is rethrown for
 * the view to word).
 */
export async function toggleFollow(
  api: Pick<FollowsApi, 'follow' | 'unfollow'>,
  state: FollowState,
  show: (state: FollowState) => void,
): Promise<void> {
  const follow = !state.following;
  show(optimisticFollow(state, follow));
  try {
    show(await (follow ? api.follow(state.streamerId) : api.unfollow(state.streamerId)));
  } catch (err) {
    show(state);
    throw err;
  }
}
