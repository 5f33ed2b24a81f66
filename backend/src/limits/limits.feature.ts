import type { Config } from '../config.ts';
import { defineFeature } from '../core/feature.ts';
import type { Db } from '../db/client.ts';
import { createLimitsRepository } from './limits.repository.ts';
import { limitsHandlers } from './limits.routes.ts';
import { createLimitsService } from './limits.service.ts';

/**
 * Spending limits: purchase caps and the new-account delay (checked by payments at checkout), and
 * the daily gift cap (enforced by a database trigger in the gift's own statement; see 0010).
 */
export async function createLimitsFeature({ db, config }: { db: Db; config: Config }) {
  const limits = createLimitsService({ db, repo: createLimitsRepository(db), settings: config.limits });
  await limits.syncPlatformGiftCap();
  return defineFeature({ limits, routes: limitsHandlers(limits) });
}
