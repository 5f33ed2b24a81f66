import { z } from 'zod';
import { Id } from './users.ts';

/** The most accounts one user may block: enough for any real harassment, a bound on the list. */
export const MAX_BLOCKS = 1000;

/** Someone the signed-in user blocked, as only that user sees it. */
export const BlockedUser = z.object({
  user: z.object({ id: Id, nickname: z.string(), avatarUrl: z.string().nullable() }),
  blockedAt: z.iso.datetime(),
});
export type BlockedUser = z.infer<typeof BlockedUser>;

/** The signed-in user's own blocks, newest first. */
export const BlockList = z.object({ items: z.array(BlockedUser) });
export type BlockList = z.infer<typeof BlockList>;
