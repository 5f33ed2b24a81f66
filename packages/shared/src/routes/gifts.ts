import { GiftCatalog, TopGifters, TopGiftersQuery } from '../economy.ts';
import { StreamIdParams } from '../streams.ts';
import { UserIdParams } from '../users.ts';
import { route } from './route.ts';

export const giftsRoutes = {
  giftCatalog: route({
    method: 'get',
    path: '/api/gifts',
    summary: 'The gifts on sale',
    auth: 'none',
    response: GiftCatalog,
  }),
  streamTopGifters: route({
    method: 'get',
    path: '/api/streams/:id/top-gifters',
    summary: 'Who gave the most coins in one stream',
    auth: 'none',
    params: StreamIdParams,
    labels: { params: 'stream id' },
    response: TopGifters,
  }),
  streamerTopGifters: route({
    method: 'get',
    path: '/api/users/:id/top-gifters',
    summary: 'Who gave a streamer the most coins, over all time or the last week',
    auth: 'none',
    params: UserIdParams,
    query: TopGiftersQuery,
    labels: { params: 'user id' },
    response: TopGifters,
  }),
};
