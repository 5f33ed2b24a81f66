import type {
  AdminChatPage,
  AdminGiftPage,
  AdminPageQuery,
  AdminStream,
  AdminStreamList,
  Principal,
} from '@airwave/shared';
import { AppError } from '../core/app-error.ts';
import type { Db } from '../db/client.ts';
import type { StreamsService } from '../streams/streams.service.ts';
import { toAdminStream } from './admin.mappers.ts';
import type { AdminStreamsRepository, StreamFilter } from './admin-streams.repository.ts';
import { writeAudit } from './audit.repository.ts';

interface Deps {
  db: Db;
  repo: AdminStreamsRepository;
  streams: StreamsService;
}

type Page = Omit<AdminPageQuery, 'limit'> & { limit: number };

export function createAdminStreamsService({ db, repo, streams }: Deps) {
  return {
    list: (filter: StreamFilter): Promise<AdminStreamList> => repo.list(filter),

    /** Force-ends a live stream through the streams service, so its room hears `stream-ended`. */
    async end(actor: Principal, id: string, reason: string): Promise<AdminStream> {
      const before = await streams.load(id);
      if (before.status !== 'live') throw new AppError('STREAM_NOT_LIVE', 'This stream has already ended.');
      await streams.endNow(id, 'ended-by-moderator');
      const after = await streams.load(id);
      await writeAudit(db, {
        actorId: actor.userId,
        action: 'stream.end',
        targetType: 'stream',
        targetId: id,
        before: { status: before.status, viewerCount: before.viewerCount, streamerId: before.streamerId },
        after: { status: after.status, endedReason: after.endedReason },
        reason,
      });
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
