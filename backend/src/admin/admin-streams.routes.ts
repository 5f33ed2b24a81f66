import type { adminStreamsRoutes } from '@airwave/shared';
import type { Handlers } from '../http/register-routes.ts';
import type { AdminStreamsService } from './admin-streams.service.ts';

/** /api/admin/streams: moderators may use these too (they can already end any stream). */
export function adminStreamsHandlers(service: AdminStreamsService): Handlers<typeof adminStreamsRoutes> {
  return {
    adminStreams: ({ query }) => service.list(query),
    adminEndStream: ({ principal, params, body }) => service.end(principal, params.id, body.reason),
    adminStreamChat: ({ params, query }) => service.chat(params.id, query),
    adminStreamGifts: ({ params, query }) => service.gifts(params.id, query),
  };
}
