import { z } from 'zod';
import { plainText } from './text.ts';
import { Id } from './users.ts';

export const CATEGORIES = [
  'just-chatting',
  'music',
  'gaming',
  'creative',
  'sports',
  'education',
  'irl',
  'talk-shows',
] as const;
export const Category = z.enum(CATEGORIES);
export type Category = z.infer<typeof Category>;

export const StreamStatus = z.enum(['live', 'ended']);
export type StreamStatus = z.infer<typeof StreamStatus>;

export const MediaModeName = z.enum(['p2p', 'sfu']);
export type MediaModeName = z.infer<typeof MediaModeName>;

export const StreamTitle = plainText()
  .trim()
  .min(1, 'is required')
  .max(100, 'must be at most 100 characters');
export const StreamDescription = plainText().trim().max(1000, 'must be at most 1000 characters');

export const StreamerSummary = z.object({ id: Id, nickname: z.string(), avatarUrl: z.string().nullable() });
export type StreamerSummary = z.infer<typeof StreamerSummary>;

export const Stream = z.object({
  id: Id,
  streamer: StreamerSummary,
  title: z.string(),
  description: z.string(),
  category: Category,
  status: StreamStatus,
  mediaMode: MediaModeName,
  viewerCount: z.number().int(),
  peakViewers: z.number().int(),
  chatMessagesCount: z.number().int(),
  giftsCount: z.number().int(),
  beansEarned: z.number().int(),
  thumbnailUrl: z.string().nullable(),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
});
export type Stream = z.infer<typeof Stream>;

export const CreateStreamBody = z
  .object({ title: StreamTitle, description: StreamDescription.default(''), category: Category })
  .strict();
export type CreateStreamBody = z.input<typeof CreateStreamBody>;

export const UpdateStreamBody = z
  .object({ title: StreamTitle, description: StreamDescription, category: Category })
  .partial()
  .strict()
  .refine((b) => Object.keys(b).length > 0, { message: 'send at least one of title, description, category' });
export type UpdateStreamBody = z.infer<typeof UpdateStreamBody>;

export const EndStreamBody = z
  .object({ reason: plainText().trim().max(500).optional() })
  .strict()
  .default({});

export { IdParams as StreamIdParams } from './users.ts';

export const ListStreamsQuery = z
  .object({
    status: StreamStatus.default('live'),
    category: Category.optional(),
    q: plainText().trim().max(100).optional(),
    streamerId: Id.optional(),
    cursor: plainText().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(50).default(20),
  })
  .strict();
export type ListStreamsQuery = z.input<typeof ListStreamsQuery>;

export const StreamList = z.object({ items: z.array(Stream), nextCursor: z.string().nullable() });
export type StreamList = z.infer<typeof StreamList>;

export const CategoryInfo = z.object({ slug: Category, liveCount: z.number().int() });
export const CategoryList = z.object({ items: z.array(CategoryInfo) });
export type CategoryList = z.infer<typeof CategoryList>;

/** Thumbnails are uploaded as the raw image body (Content-Type image/jpeg, image/png or image/webp). */
export const THUMBNAIL_MAX_BYTES = 256 * 1024;
export const THUMBNAIL_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;

/** Why a stream ended: its room is told, and the admin panel shows it in words. */
export const StreamEndedReason = z.enum(['ended-by-streamer', 'ended-by-moderator', 'streamer-disconnected']);
export type StreamEndedReason = z.infer<typeof StreamEndedReason>;
