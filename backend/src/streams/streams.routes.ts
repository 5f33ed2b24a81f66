import type { streamsRoutes } from '@airwave/shared';
import type { Handlers } from '../http/register-routes.ts';
import type { StreamsService } from './streams.service.ts';

export function streamsHandlers(streams: StreamsService): Handlers<typeof streamsRoutes> {
  return {
    listStreams: ({ query }) => streams.list(query),
    createStream: ({ principal, body }) => streams.create(principal, body),
    getStream: ({ params }) => streams.get(params.id),
    updateStream: ({ principal, params, body }) => streams.update(principal, params.id, body),
    endStream: ({ principal, params }) => streams.end(principal, params.id),
    uploadThumbnail: ({ principal, params, body }) => streams.saveThumbnail(principal, params.id, body),
    async getThumbnail({ params, res }) {
      const image = await streams.readThumbnail(params.id);
      // A public picture the apps on other origins (the phone app's web export) show in <img>: helmet's
      // same-origin resource policy would block it there.
      res.set({ 'Cache-Control': 'public, max-age=30', 'Cross-Origin-Resource-Policy': 'cross-origin' });
      return image;
    },
    categories: () => streams.categories(),
  };
}
