import { defineFeature } from '../core/feature.ts';
import type { Db } from '../db/client.ts';
import { createStatementsRepository } from './statements.repository.ts';
import { statementsHandlers } from './statements.routes.ts';
import { createStatementsService } from './statements.service.ts';

/** Statements (CSV), purchase receipts and the admin's journal of a user: read-only views of the ledger. */
export function createStatementsFeature({ db }: { db: Db }) {
  return defineFeature({
    routes: statementsHandlers(createStatementsService(createStatementsRepository(db))),
  });
}
