import type { AuthService } from '../auth/auth.service.ts';
import type { Db } from '../db/client.ts';
import { postLedgerEntry } from '../ledger/ledger.repository.ts';
import type { Logger } from '../logger.ts';
import type { UsersRepository } from '../users/users.repository.ts';

/**
 * Demo accounts, created once outside production on a database that holds no account but admins.
 * Documented in the README.
 */
export const DEMO_ACCOUNTS = [
  { email: 'admin@airwave.local', password: 'demo-admin-2026', nickname: 'demo_admin', role: 'admin' },
  {
    email: 'streamer@airwave.local',
    password: 'demo-streamer-2026',
    nickname: 'demo_streamer',
    role: 'streamer',
  },
  { email: 'viewer@airwave.local', password: 'demo-viewer-2026', nickname: 'demo_viewer', role: 'user' },
] as const;

const VIEWER_STARTING_COINS = 1000;

export async function seedDemoData(deps: {
  db: Db;
  auth: AuthService;
  users: UsersRepository;
  logger: Logger;
}) {
  // Admins do not count: an admin provisioned from ADMIN_EMAIL (or the demo admin) may exist before
  // the first seed, in whichever order start-up ran. Anyone else means the database is in use, or
  // the demo data is already there (its streamer and viewer are not admins), so a restart adds nothing.
  if ((await deps.users.countNonAdmins()) > 0) return false;
  const created = [];
  for (const account of DEMO_ACCOUNTS) created.push(await deps.auth.ensureAccount(account));
  const viewer = created[2];
  if (viewer) {
    await deps.db.transaction((tx) =>
      postLedgerEntry(tx, {
        userId: viewer.id,
        account: 'coins',
        delta: VIEWER_STARTING_COINS,
        kind: 'grant',
        reason: 'demo data: starting coins',
      }),
    );
  }
  deps.logger.info('demo data created');
  return true;
}
