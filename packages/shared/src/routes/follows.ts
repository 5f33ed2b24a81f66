import { FollowingList, FollowState } from '../follows.ts';
import { IdParams } from '../users.ts';
import { route } from './route.ts';

const streamer = { params: IdParams, labels: { params: 'streamer id' } } as const;

export const followsRoutes = {
  followState: route({
    method: 'get',
    path: '/api/users/:id/follow',
    summary: "A channel's follower count, and whether the signed-in caller follows it",
    auth: 'optional',
    ...streamer,
    response: FollowState,
  }),
  follow: route({
    method: 'put',
    path: '/api/users/:id/follow',
    summary: 'Follow a channel (following it again changes nothing)',
    auth: 'user',
    ...streamer,
    response: FollowState,
  }),
  unfollow: route({
    method: 'delete',
    path: '/api/users/:id/follow',
    summary: 'Stop following a channel (when not following, nothing changes)',
    auth: 'user',
    ...streamer,
    response: FollowState,
  }),
  following: route({
    method: 'get',
    path: '/api/users/me/following',
    summary: 'The channels the signed-in user follows, live ones first',
    auth: 'user',
    response: FollowingList,
  }),
};
