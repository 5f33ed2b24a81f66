import type { giftsRoutes } from '@airwave/shared';
import type { Handlers } from '../http/register-routes.ts';
import type { GiftsService } from './gifts.service.ts';

/** The catalog, and the leaderboards beside the streams and users routes. */
export function giftsHandlers(gifts: GiftsService): Handlers<typeof giftsRoutes> {
  return {
    giftCatalog: () => gifts.catalog(),
    streamTopGifters: ({ params }) => gifts.topGiftersOfStream(params.id),
    streamerTopGifters: ({ params, query }) => gifts.topGiftersOfStreamer(params.id, query.period),
  };
}
