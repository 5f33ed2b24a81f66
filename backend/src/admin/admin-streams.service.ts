import type {
  AdminChatPage,
  AdminGiftPage,
  AdminPageQuery,
  AdminStream,
  AdminStreamList,
  Principal,
} from '@airwave/shared';
import { recordAudit } from '../audit/record-audit.ts';
import { AppError } from '../core/app-error.ts';
import type { StreamsService } from '../streams/streams.service.ts';
import { toAdminStream } from './admin.mappers.ts';
import type { AdminStreamsRepository, StreamFilter } from './admin-streams.repository.ts';

interface Deps {
  repo: AdminStreamsRepository;
  streams: StreamsService;
}

type Page = Omit<AdminPageQuery, 'limit'> & { limit: number };

export function createAdminStreamsService({ repo, streams }: Deps) {
  return {
    list: (filter: StreamFilter): Promise<AdminStreamList> => repo.list(filter),

    /** Force-ends a live stream through the streams service, so its room hears `stream-ended`. */
    async end(actor: Principal, id: string, reason: string): Promise<AdminStream> {
      const before = await streams.load(id);
      if (before.status !== 'live') throw new AppError('STREAM_NOT_LIVE', 'This stream has already ended.');
      let ended = false;
      await streams.endNow(id, 'ended-by-moderator', (tx) => {
        ended = true;
        return recordAudit(tx, {
          actorId: actor.userId,
          action: 'stream.end',
          targetType: 'stream',
          targetId: id,
          before: { status: before.status, viewerCount: before.viewerCount, streamerId: before.streamerId },
          after: { status: 'ended', endedReason: 'ended-by-moderator' },
          reason,
        });
      });
      // Its streamer (or the grace timer) ended it meanwhile: nothing this moderator did to audit.
      if (!ended) throw new AppError('STREAM_NOT_LIVE', 'This stream has already ended.');
      const after = await streams.load(id);
      return toAdminStream(after);
    },

    async chat(id: string, page: Page): Promise<AdminChatPage> {
      await streams.load(id);
      return repo.chat(id, page.cursor, page.limit);
    },

    async gifts(id: string, page: Page): Promise<AdminGiftPage> {
      await streams.load(id);
      return repo.gifts(id, page.cursor, page.limit);
    },
  };
}

export type AdminStreamsService = ReturnType<typeof createAdminStreamsService>;
