import { Router } from 'express';
import type { SessionsRepository } from '../auth/sessions.repository.ts';
import type { EventBus } from '../core/event-bus.ts';
import type { Feature } from '../core/feature.ts';
import type { Db } from '../db/client.ts';
import type { GiftsService } from '../gifts/gifts.service.ts';
import type { AuthMiddleware } from '../http/auth.middleware.ts';
import type { PaymentsService } from '../payments/payments.service.ts';
import type { StreamsService } from '../streams/streams.service.ts';
import { walletChanged } from '../wallet/wallet-notifier.ts';
import { adminRoutes } from './admin.routes.ts';
import { createAdminAuditService } from './admin-audit.service.ts';
import { createAdminBalanceService } from './admin-balance.service.ts';
import { createAdminCatalogRepository } from './admin-catalog.repository.ts';
import { adminCatalogRoutes } from './admin-catalog.routes.ts';
import { createAdminCatalogService } from './admin-catalog.service.ts';
import { createAdminDashboardRepository } from './admin-dashboard.repository.ts';
import { adminDashboardRoutes } from './admin-dashboard.routes.ts';
import { createAdminDashboardService } from './admin-dashboard.service.ts';
import { createAdminModerationRepository } from './admin-moderation.repository.ts';
import { adminModerationRoutes } from './admin-moderation.routes.ts';
import { createAdminModerationService } from './admin-moderation.service.ts';
import { createAdminPaymentsRepository } from './admin-payments.repository.ts';
import { adminPaymentsRoutes } from './admin-payments.routes.ts';
import { createAdminPaymentsService } from './admin-payments.service.ts';
import { createAdminStreamsRepository } from './admin-streams.repository.ts';
import { adminStreamsRoutes } from './admin-streams.routes.ts';
import { createAdminStreamsService } from './admin-streams.service.ts';
import { createAdminUsersRepository } from './admin-users.repository.ts';
import { adminUsersRoutes } from './admin-users.routes.ts';
import { createAdminUsersService } from './admin-users.service.ts';
import { createAdminUsersQueryService } from './admin-users-query.service.ts';

interface Deps {
  db: Db;
  sessions: SessionsRepository;
  bus: EventBus;
  streams: StreamsService;
  gifts: GiftsService;
  payments: PaymentsService;
  mw: AuthMiddleware;
}

/**
 * The admin API under /api/admin. Each part guards its own paths (admins; moderators for the
 * moderation desk and streams), so requests it does not match fall through to admin.routes.ts.
 */
export function createAdminFeature(deps: Deps): Feature {
  const { db, mw } = deps;
  const notifyWallet = walletChanged(deps.bus);
  const accounts = createAdminUsersService(deps);
  const repos = {
    users: createAdminUsersRepository(db),
    streams: createAdminStreamsRepository(db),
    payments: createAdminPaymentsRepository(db),
    moderation: createAdminModerationRepository(db),
  };
  const r = Router();
  r.use(
    adminDashboardRoutes(
      createAdminDashboardService(createAdminDashboardRepository(db)),
      createAdminAuditService(db),
      mw,
    ),
  );
  r.use(
    '/users',
    adminUsersRoutes(
      {
        query: createAdminUsersQueryService({ db, ...repos }),
        accounts,
        balance: createAdminBalanceService({ db, users: repos.users, notifyWallet }),
      },
      mw,
    ),
  );
  r.use(
    '/streams',
    adminStreamsRoutes(createAdminStreamsService({ repo: repos.streams, streams: deps.streams }), mw),
  );
  r.use(adminModerationRoutes(createAdminModerationService({ db, repo: repos.moderation }), mw));
  r.use(
    adminCatalogRoutes(
      createAdminCatalogService({ db, repo: createAdminCatalogRepository(db), gifts: deps.gifts }),
      mw,
    ),
  );
  r.use(
    '/payments',
    adminPaymentsRoutes(
      createAdminPaymentsService({
        db,
        repo: repos.payments,
        payments: deps.payments,
        notifyWallet,
      }),
      mw,
    ),
  );
  r.use(adminRoutes(accounts, mw));
  return { routes: [['/admin', r]] };
}
