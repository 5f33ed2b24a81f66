import type { SessionsRepository } from '../auth/sessions.repository.ts';
import type { EventBus } from '../core/event-bus.ts';
import { defineFeature } from '../core/feature.ts';
import type { Db } from '../db/client.ts';
import type { GiftsService } from '../gifts/gifts.service.ts';
import type { PaymentsService } from '../payments/payments.service.ts';
import type { StreamsService } from '../streams/streams.service.ts';
import { walletChanged } from '../wallet/wallet-notifier.ts';
import { createAdminAuditService } from './admin-audit.service.ts';
import { createAdminBalanceService } from './admin-balance.service.ts';
import { createAdminCatalogRepository } from './admin-catalog.repository.ts';
import { adminCatalogHandlers } from './admin-catalog.routes.ts';
import { createAdminCatalogService } from './admin-catalog.service.ts';
import { createAdminDashboardRepository } from './admin-dashboard.repository.ts';
import { adminDashboardHandlers } from './admin-dashboard.routes.ts';
import { createAdminDashboardService } from './admin-dashboard.service.ts';
import { createAdminModerationRepository } from './admin-moderation.repository.ts';
import { adminModerationHandlers } from './admin-moderation.routes.ts';
import { createAdminModerationService } from './admin-moderation.service.ts';
import { createAdminPaymentsRepository } from './admin-payments.repository.ts';
import { adminPaymentsHandlers } from './admin-payments.routes.ts';
import { createAdminPaymentsService } from './admin-payments.service.ts';
import { createAdminStreamsRepository } from './admin-streams.repository.ts';
import { adminStreamsHandlers } from './admin-streams.routes.ts';
import { createAdminStreamsService } from './admin-streams.service.ts';
import { createAdminUsersRepository } from './admin-users.repository.ts';
import { adminUsersHandlers } from './admin-users.routes.ts';
import { createAdminUsersService } from './admin-users.service.ts';
import { createAdminUsersQueryService } from './admin-users-query.service.ts';

interface Deps {
  db: Db;
  sessions: SessionsRepository;
  bus: EventBus;
  streams: StreamsService;
  gifts: GiftsService;
  payments: PaymentsService;
}

/** The admin API under /api/admin: handlers for every admin route of the table. */
export function createAdminFeature(deps: Deps) {
  const { db } = deps;
  const notifyWallet = walletChanged(deps.bus);
  const repos = {
    users: createAdminUsersRepository(db),
    streams: createAdminStreamsRepository(db),
    payments: createAdminPaymentsRepository(db),
    moderation: createAdminModerationRepository(db),
  };
  return defineFeature({
    routes: {
      ...adminDashboardHandlers(
        createAdminDashboardService(createAdminDashboardRepository(db)),
        createAdminAuditService(db),
      ),
      ...adminUsersHandlers({
        query: createAdminUsersQueryService({ db, ...repos }),
        accounts: createAdminUsersService(deps),
        balance: createAdminBalanceService({ db, users: repos.users, notifyWallet }),
      }),
      ...adminStreamsHandlers(createAdminStreamsService({ repo: repos.streams, streams: deps.streams })),
      ...adminModerationHandlers(createAdminModerationService({ db, repo: repos.moderation })),
      ...adminCatalogHandlers(
        createAdminCatalogService({ db, repo: createAdminCatalogRepository(db), gifts: deps.gifts }),
      ),
      ...adminPaymentsHandlers(
        createAdminPaymentsService({ db, repo: repos.payments, payments: deps.payments, notifyWallet }),
      ),
    },
  });
}
