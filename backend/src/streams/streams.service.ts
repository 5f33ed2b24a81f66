import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  CATEGORIES,
  type CategoryList,
  type CreateStreamBody,
  type ListStreamsQuery,
  type MediaModeName,
  type Principal,
  type Stream,
  type StreamEndedReason,
  type StreamList,
  THUMBNAIL_MAX_BYTES,
  type UpdateStreamBody,
} from '@airwave/shared';
import { LRUCache } from 'lru-cache';
import { AppError } from '../core/app-error.ts';
import type { EventBus } from '../core/event-bus.ts';
import type { Tx } from '../db/client.ts';
import { uniqueViolation } from '../db/errors.ts';
import { toStream } from './streams.mapper.ts';
import type { StreamsRepository, StreamWithStreamer } from './streams.repository.ts';

interface Deps {
  repo: StreamsRepository;
  /** The path a new stream's media starts on (`auto` starts on the mesh and may move to the SFU). */
  mediaMode: MediaModeName;
  thumbnailsDir: string;
  /**
   * Rooms hear of updates and ends through it; `principal.changed` when the role moved (first
   * go-live makes a `user` a `streamer`): open sockets must act with the new one.
   */
  bus: Pick<EventBus, 'emit'>;
}

const MAGIC: Array<[type: string, ext: string, test: (b: Buffer) => boolean]> = [
  ['image/jpeg', 'jpg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  [
    'image/png',
    'png',
    (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  ],
  [
    'image/webp',
    'webp',
    (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  ],
];

export const canModerateGlobally = (p: Principal) => p.role === 'moderator' || p.role === 'admin';

/**
 * How long a node may answer hot paths (join-stream, chat) from its own copy of a stream. This
 * node's updates and ends drop the copy at once; another node's reach it within this time.
 */
const CACHED_STREAM_TTL_MS = 2000;

export function createStreamsService({ repo, mediaMode, thumbnailsDir, bus }: Deps) {
  async function load(id: string): Promise<StreamWithStreamer> {
    const stream = await repo.findById(id);
    if (!stream) throw new AppError('NOT_FOUND', 'No such stream.');
    return stream;
  }

  // Bounded, so a client asking for many streams cannot grow it without end.
  const recent = new LRUCache<string, StreamWithStreamer>({ max: 5000, ttl: CACHED_STREAM_TTL_MS });
  const fresh = async (id: string) => {
    recent.delete(id);
    const stream = await load(id);
    recent.set(id, stream);
    return stream;
  };

  async function loadOwned(principal: Principal, id: string): Promise<StreamWithStreamer> {
    const stream = await load(id);
    if (stream.streamerId !== principal.userId)
      throw new AppError('FORBIDDEN', 'Only the streamer can change this stream.');
    return stream;
  }

  return {
    load,

    /**
     * The stream as of at most CACHED_STREAM_TTL_MS ago, for paths every viewer hits (joining,
     * chatting): a join storm then costs one query per stream, not one per join. Money paths and
     * owner checks use `load`.
     */
    async loadCached(id: string): Promise<StreamWithStreamer> {
      const known = recent.get(id);
      if (known) return known;
      const stream = await load(id);
      recent.set(id, stream);
      return stream;
    },

    /**
     * Goes live. A plain `user` becomes a `streamer` on their first go-live: anyone may stream,
     * and the role marks who has. The database allows one live stream per streamer.
     */
    async create(principal: Principal, body: CreateStreamBody): Promise<Stream> {
      if (principal.role === 'user') {
        await repo.promoteToStreamer(principal.userId);
        bus.emit('principal.changed', { userId: principal.userId });
      }
      const row = await repo
        .insert({
          streamerId: principal.userId,
          title: body.title,
          description: body.description ?? '',
          category: body.category,
          webrtc: { mode: mediaMode },
        })
        .catch((err: unknown) => {
          if (uniqueViolation(err) === undefined) throw err;
          throw new AppError('ALREADY_LIVE', 'You are already live. End that stream first.');
        });
      return toStream(await load(row.id));
    },

    async get(id: string): Promise<Stream> {
      return toStream(await load(id));
    },

    async list(query: ListStreamsQuery & { status: 'live' | 'ended'; limit: number }): Promise<StreamList> {
      const page = await repo.list(query);
      return { items: page.items.map(toStream), nextCursor: page.nextCursor };
    },

    async categories(): Promise<CategoryList> {
      const counts = new Map((await repo.liveCountsByCategory()).map((r) => [r.category, r.n]));
      return { items: CATEGORIES.map((slug) => ({ slug, liveCount: counts.get(slug) ?? 0 })) };
    },

    async update(principal: Principal, id: string, patch: UpdateStreamBody): Promise<Stream> {
      await loadOwned(principal, id);
      await repo.update(id, patch);
      const stream = toStream(await fresh(id));
      bus.emit('stream.updated', { stream });
      return stream;
    },

    /** The owner, a global moderator or an admin may end a stream. */
    async end(principal: Principal, id: string): Promise<Stream> {
      const stream = await load(id);
      const owner = stream.streamerId === principal.userId;
      if (!owner && !canModerateGlobally(principal)) {
        throw new AppError('FORBIDDEN', 'Only the streamer, a moderator or an admin can end this stream.');
      }
      if (stream.status !== 'live') throw new AppError('STREAM_NOT_LIVE', 'This stream has already ended.');
      return this.endNow(id, owner ? 'ended-by-streamer' : 'ended-by-moderator');
    },

    /** The stream as the database has it now (a decision another node may just have changed). */
    loadFresh: fresh,

    /**
     * Moves a live stream's media path (the mesh outgrew: `p2p` → `sfu`). Only the first caller
     * moves it, however many nodes ask at once; that one tells the room and gets true.
     */
    async switchMediaPath(id: string, from: MediaModeName, to: MediaModeName): Promise<boolean> {
      if (!(await repo.switchMediaPath(id, from, to))) return false;
      bus.emit('stream.updated', { stream: toStream(await fresh(id)) });
      return true;
    },

    /**
     * Ends a live stream (idempotent) and tells its room once it is committed. `record` runs in the
     * ending's transaction, only if this call ended the stream (a moderator's audit row).
     */
    async endNow(id: string, reason: StreamEndedReason, record?: (tx: Tx) => Promise<void>): Promise<Stream> {
      const ended = await repo.end(id, reason, record);
      const stream = toStream(await fresh(id));
      if (ended) bus.emit('stream.ended', { streamId: id, reason });
      return stream;
    },

    async saveThumbnail(principal: Principal, id: string, body: Buffer): Promise<Stream> {
      await loadOwned(principal, id);
      if (body.length === 0) throw new AppError('VALIDATION_FAILED', 'Send the image as the request body.');
      if (body.length > THUMBNAIL_MAX_BYTES)
        throw new AppError('PAYLOAD_TOO_LARGE', 'A thumbnail must be at most 256 KB.');
      const kind = MAGIC.find(([, , test]) => test(body));
      if (!kind) throw new AppError('VALIDATION_FAILED', 'The thumbnail must be a JPEG, PNG or WebP image.');
      await mkdir(thumbnailsDir, { recursive: true });
      const file = `${id}.${kind[1]}`;
      await writeFile(path.join(thumbnailsDir, file), body);
      await repo.update(id, { thumbnailPath: `${file}:${Date.now()}` });
      const stream = toStream(await fresh(id));
      bus.emit('stream.updated', { stream });
      return stream;
    },

    async readThumbnail(id: string): Promise<{ type: string; data: Buffer }> {
      const stream = await load(id);
      const file = stream.thumbnailPath?.split(':')[0];
      if (!file) throw new AppError('NOT_FOUND', 'This stream has no thumbnail.');
      const data = await readFile(path.join(thumbnailsDir, file)).catch(() => {
        throw new AppError('NOT_FOUND', 'This stream has no thumbnail.');
      });
      const type = MAGIC.find(([, ext]) => file.endsWith(`.${ext}`))?.[0] ?? 'application/octet-stream';
      return { type, data };
    },
  };
}

export type StreamsService = ReturnType<typeof createStreamsService>;
