import type { followsRoutes } from '@airwave/shared';
import type { Handlers } from '../http/register-routes.ts';
import type { FollowsService } from './follows.service.ts';

export function followsHandlers(follows: FollowsService): Handlers<typeof followsRoutes> {
  return {
    followState: ({ params, principal }) => follows.state(params.id, principal),
    follow: ({ params, principal }) => follows.follow(principal, params.id),
    unfollow: ({ params, principal }) => follows.unfollow(principal, params.id),
    following: ({ principal }) => follows.following(principal),
  };
}
