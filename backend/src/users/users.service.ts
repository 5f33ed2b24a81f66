import type { Me, PublicProfile, UpdateMeBody } from '@airwave/shared';
import { AppError } from '../core/app-error.ts';
import type { EventBus } from '../core/event-bus.ts';
import { uniqueViolation } from '../db/errors.ts';
import { toMe, toPublicProfile } from './users.mapper.ts';
import type { UsersRepository } from './users.repository.ts';

export function createUsersService(
  users: UsersRepository,
  /** `principal.changed` when the nickname moved: open sockets show the new one. */
  bus: Pick<EventBus, 'emit'>,
) {
  return {
    async me(userId: string): Promise<Me> {
      const user = await users.findById(userId);
      if (!user) throw new AppError('NOT_FOUND', 'User not found.');
      return toMe(user);
    },

    async profile(userId: string): Promise<PublicProfile> {
      const user = await users.findById(userId);
      // A banned account's page disappears from public view.
      if (!user || user.bannedAt) throw new AppError('NOT_FOUND', 'No such user.');
      return toPublicProfile(user);
    },

    async updateMe(userId: string, patch: UpdateMeBody): Promise<Me> {
      const user = await users.update(userId, patch).catch((err: unknown) => {
        if (uniqueViolation(err) !== undefined) {
          throw new AppError('NICKNAME_TAKEN', 'This nickname is taken. Try another one.');
        }
        throw err;
      });
      if (!user) throw new AppError('NOT_FOUND', 'User not found.');
      // Open sockets author chat under the nickname they hold; give them the new one.
      if (patch.nickname !== undefined) bus.emit('principal.changed', { userId });
      return toMe(user);
    },
  };
}

export type UsersService = ReturnType<typeof createUsersService>;
