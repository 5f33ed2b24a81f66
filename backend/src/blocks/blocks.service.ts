import { type BlockList, MAX_BLOCKS } from '@airwave/shared';
import { AppError } from '../core/app-error.ts';
import type { Limiter } from '../platform/rate-limit.ts';
import type { UsersRepository } from '../users/users.repository.ts';
import type { BlocksRepository } from './blocks.repository.ts';

interface Deps {
  repo: BlocksRepository;
  users: Pick<UsersRepository, 'findById'>;
  /** Changes to one's list, per user: a script cannot churn blocks to probe or load the table. */
  limiter: Limiter;
}

/**
 * A user's blocks. Every method acts on the caller's own list only, and nothing here ever answers
 * the blocked user: other features ask `hasBlocked` and refuse without saying why.
 */
export function createBlocksService({ repo, users, limiter }: Deps) {
  async function list(blockerId: string): Promise<BlockList> {
    const rows = await repo.listOf(blockerId);
    return {
      items: rows.map((r) => ({
        user: { id: r.id, nickname: r.nickname, avatarUrl: r.avatarUrl },
        blockedAt: r.createdAt.toISOString(),
      })),
    };
  }

  return {
    list,

    async block(blockerId: string, blockedId: string): Promise<BlockList> {
      if (blockerId === blockedId) throw new AppError('FORBIDDEN', 'You cannot block yourself.');
      await limiter.consume(blockerId);
      if (!(await users.findById(blockedId))) throw new AppError('NOT_FOUND', 'No such user.');
      if (!(await repo.exists(blockerId, blockedId)) && (await repo.count(blockerId)) >= MAX_BLOCKS) {
        throw new AppError('CONFLICT', `You can block at most ${MAX_BLOCKS} users. Unblock someone first.`);
      }
      await repo.add(blockerId, blockedId);
      return list(blockerId);
    },

    async unblock(blockerId: string, blockedId: string): Promise<BlockList> {
      await limiter.consume(blockerId);
      await repo.remove(blockerId, blockedId);
      return list(blockerId);
    },

    /** Whether `blockerId` blocked `otherId`: for features that must quietly refuse the blocked user. */
    hasBlocked: (blockerId: string, otherId: string): Promise<boolean> => repo.exists(blockerId, otherId),
  };
}

export type BlocksService = ReturnType<typeof createBlocksService>;
