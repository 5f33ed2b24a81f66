import type { AdminUserDetail, AdminUserList } from '@airwave/shared';
import { AppError } from '../core/app-error.ts';
import type { Db } from '../db/client.ts';
import { toAdminUser } from './admin.mappers.ts';
import type { AdminModerationRepository } from './admin-moderation.repository.ts';
import type { AdminPaymentsRepository } from './admin-payments.repository.ts';
import type { AdminStreamsRepository } from './admin-streams.repository.ts';
import type { AdminUsersRepository, UserFilter } from './admin-users.repository.ts';
import { listAudit } from './audit.repository.ts';

interface Deps {
  db: Db;
  users: AdminUsersRepository;
  streams: AdminStreamsRepository;
  payments: AdminPaymentsRepository;
  moderation: AdminModerationRepository;
}

/** Finding users and everything an admin needs on one user's page. */
export function createAdminUsersQueryService({ db, users, streams, payments, moderation }: Deps) {
  return {
    async list(f: UserFilter): Promise<AdminUserList> {
      const { rows, total } = await users.list(f);
      return { items: rows.map(toAdminUser), total, page: f.page, limit: f.limit };
    },

    async detail(id: string): Promise<AdminUserDetail> {
      const user = await users.find(id);
      if (!user) throw new AppError('NOT_FOUND', 'No such user.');
      const [pendingPayoutBeans, streamsCount, recentStreams, recentPayments, modLog, audit] =
        await Promise.all([
          users.pendingPayoutBeans(id),
          users.streamsCount(id),
          streams.list({ streamerId: id, limit: 10 }),
          payments.list({ userId: id, limit: 10 }),
          moderation.log({ targetUserId: id, limit: 20 }),
          listAudit(db, { targetType: 'user', targetId: id, limit: 20 }),
        ]);
      return {
        user: { ...toAdminUser(user), bio: user.bio, avatarUrl: user.avatarUrl },
        pendingPayoutBeans,
        streams: { count: streamsCount, recent: recentStreams.items },
        payments: recentPayments.items,
        moderation: modLog.items,
        audit: audit.items,
      };
    },
  };
}

export type AdminUsersQueryService = ReturnType<typeof createAdminUsersQueryService>;
