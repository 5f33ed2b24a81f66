import { eq } from 'drizzle-orm';
import type { EventBus } from '../core/event-bus.ts';
import type { Db } from '../db/client.ts';
import { users } from '../db/schema/index.ts';
import type { Logger } from '../logger.ts';
import type { AirwaveServer } from '../realtime/socket-handler.ts';
import { userRoom } from '../realtime/socket-server.ts';

export type WalletNotifier = (userId: string) => void;

/** What money-moving services call after their commit: the wallet feature delivers it. */
export const walletChanged =
  (bus: Pick<EventBus, 'emit'>): WalletNotifier =>
  (userId) =>
    bus.emit('wallet.changed', { userId });

/**
 * Sends a user's fresh balances to every one of their devices (on every node, through the
 * adapter). Called after a transaction that moved their money has committed.
 */
export function createWalletNotifier(io: AirwaveServer, db: Db, logger: Logger): WalletNotifier {
  return (userId) => {
    db.select({ coins: users.coins, beans: users.beans })
      .from(users)
      .where(eq(users.id, userId))
      .then(([row]) => {
        if (row) io.to(userRoom(userId)).emit('wallet-updated', row);
      })
      .catch((err: unknown) => logger.error({ err, userId }, 'wallet notification failed'));
  };
}
