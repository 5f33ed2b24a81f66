import { Id, plainText } from '@airwave/shared';
import type Stripe from 'stripe';
import { z } from 'zod';
import { parseInput } from '../core/app-error.ts';
import type { Db, Tx } from '../db/client.ts';
import type { Logger } from '../logger.ts';
import type { BusinessEvents } from '../platform/business-events.ts';
import type { PayoutRow, PayoutsRepository } from './payouts.repository.ts';
import { accountState, type PayoutsService } from './payouts.service.ts';
import type { ConnectGateway } from './stripe-connect.ts';

interface Deps {
  db: Db;
  repo: PayoutsRepository;
  payouts: PayoutsService;
  connect: ConnectGateway;
  logger: Logger;
  events: Pick<BusinessEvents, 'webhook'>;
}

export interface PayoutEventOutcome {
  received: true;
  duplicate: boolean;
}

/** Events about payouts: `transfer.reversed` reaches the platform endpoint, the others the Connect one. */
export const PLATFORM_PAYOUT_EVENTS: ReadonlySet<string> = new Set(['transfer.reversed']);
const CONNECT_PAYOUT_EVENTS: ReadonlySet<string> = new Set(['account.updated', 'payout.failed']);

// The fields read below; a signed event without them is refused as input, never a crash.
const Metadata = z.record(z.string(), z.unknown()).nullish();
const AccountObject = z.looseObject({
  id: z.string(),
  payouts_enabled: z.boolean().nullish(),
  details_submitted: z.boolean().nullish(),
  requirements: z
    .looseObject({ currently_due: z.array(z.string()).nullish(), disabled_reason: z.string().nullish() })
    .nullish(),
});
const TransferObject = z.looseObject({
  id: z.string(),
  amount: z.number().int(),
  amount_reversed: z.number().int(),
  metadata: Metadata,
});
const PayoutObject = z.looseObject({
  id: z.string(),
  metadata: Metadata,
  failure_code: z.string().nullish(),
  failure_message: z.string().nullish(),
});
const OBJECT_OF = new Map<string, z.ZodType>([
  ['account.updated', AccountObject],
  ['transfer.reversed', TransferObject],
  ['payout.failed', PayoutObject],
]);
const EventShape = z
  .looseObject({
    id: plainText().min(1).max(255),
    type: plainText().min(1).max(255),
    created: z.number().int(),
    account: z.string().nullish(),
    data: z.looseObject({ object: z.looseObject({}) }),
  })
  .superRefine((event, ctx) => {
    const result = OBJECT_OF.get(event.type)?.safeParse(event.data.object);
    for (const issue of result?.error?.issues ?? []) {
      ctx.addIssue({ code: 'custom', path: ['data', 'object', ...issue.path], message: issue.message });
    }
  });

const payoutIdIn = (metadata: Record<string, unknown> | null | undefined) => {
  const id = metadata?.payoutId;
  return typeof id === 'string' && Id.safeParse(id).success ? id : undefined;
};

/**
 * Stripe events about payouts, each applied at most once: its id goes into `stripe_events` in the
 * same transaction as its effect, and the money effect itself (beans back) sits behind the payout's
 * conditional `paying|paid → reversed`, so replays, concurrent deliveries and the two events one
 * failure can cause (`payout.failed`, then the `transfer.reversed` our reversal triggers) return the
 * beans exactly once.
 */
export function createPayoutEventHandler({ db, repo, payouts, connect, logger, events }: Deps) {
  async function payoutFor(
    transferId: string | undefined,
    metadata: Record<string, unknown> | null | undefined,
  ) {
    const id = payoutIdIn(metadata);
    if (id) return repo.find(id);
    return transferId ? repo.findByTransfer(transferId) : undefined;
  }

  async function record(event: Stripe.Event, effect?: (tx: Tx) => Promise<PayoutRow | undefined>) {
    return db.transaction(async (tx) => {
      if (!(await repo.recordEvent(tx, event.id, event.type)))
        return { duplicate: true, reversed: undefined };
      return { duplicate: false, reversed: effect ? await effect(tx) : undefined };
    });
  }

  async function apply(event: Stripe.Event): Promise<PayoutEventOutcome> {
    try {
      parseInput(EventShape, event, 'Stripe event');
    } catch (err) {
      events.webhook('rejected');
      throw err;
    }
    let result: { duplicate: boolean; reversed: PayoutRow | undefined };
    switch (event.type) {
      case 'account.updated': {
        const account = event.data.object;
        result = await record(event, async (tx) => {
          const row = await payouts.accountUpdated(
            tx,
            account.id,
            accountState(account),
            new Date(event.created * 1000),
          );
          if (!row)
            logger.info({ eventId: event.id, account: account.id }, 'account.updated: unknown or older');
          return undefined;
        });
        break;
      }
      case 'transfer.reversed': {
        const transfer = event.data.object;
        const payout = await payoutFor(transfer.id, transfer.metadata);
        result = await record(event, async (tx) => {
          const row = payout && (await repo.find(payout.id, tx));
          if (!row || (row.transferId && row.transferId !== transfer.id)) {
            logger.warn(
              { eventId: event.id, transfer: transfer.id },
              'transfer.reversed for no payout of ours',
            );
            return undefined;
          }
          // A partial reversal is a person's call (which beans did the cents buy?): it is logged for
          // an admin, and only a full reversal returns the beans.
          if (transfer.amount_reversed < transfer.amount) {
            logger.warn({ eventId: event.id, payoutId: row.id }, 'partial transfer reversal needs review');
            return undefined;
          }
          return payouts.reverse(
            tx,
            row,
            `stripe reversed transfer ${transfer.id} (${event.id})`,
            transfer.id,
          );
        });
        break;
      }
      case 'payout.failed': {
        const bankPayout = event.data.object;
        const id = payoutIdIn(bankPayout.metadata);
        const payout = id ? await repo.find(id) : await repo.findByStripePayout(bankPayout.id);
        const ours =
          payout?.stripeAccountId != null &&
          payout.stripeAccountId === event.account &&
          (payout.stripePayoutId === null || payout.stripePayoutId === bankPayout.id);
        if (ours && (await repo.eventSeen(event.id))) {
          result = { duplicate: true, reversed: undefined };
          break;
        }
        // The money is back on the streamer's Stripe balance, not ours: pull it back first (same
        // idempotency key on every redelivery), then return the beans. If Stripe is unreachable this
        // throws, nothing is recorded, and Stripe delivers the event again.
        if (ours && payout.transferId && (payout.status === 'paid' || payout.status === 'paying')) {
          await connect.reverseTransfer(payout.transferId, payout.id);
        }
        const why = [bankPayout.failure_code, bankPayout.failure_message].filter(Boolean).join(': ');
        result = await record(event, async (tx) => {
          const row = ours ? await repo.find(payout.id, tx) : undefined;
          if (!row) {
            logger.warn(
              { eventId: event.id, bankPayout: bankPayout.id },
              'payout.failed for no payout of ours',
            );
            return undefined;
          }
          return payouts.reverse(
            tx,
            row,
            `bank payout ${bankPayout.id} failed${why ? ` (${why})` : ''}`,
            undefined,
          );
        });
        break;
      }
      default:
        result = await record(event);
    }
    events.webhook(result.duplicate ? 'duplicate' : 'processed');
    if (result.reversed) {
      payouts.settled(result.reversed);
      payouts.notifyWallet(result.reversed.userId);
    }
    return { received: true, duplicate: result.duplicate };
  }

  return {
    /** For the payments webhook (the platform endpoint, signature already checked): `transfer.reversed`. */
    apply,
    /** The Connect endpoint: verify, check the shape, apply. */
    async connectWebhook(rawBody: Buffer, signature: string | undefined): Promise<PayoutEventOutcome> {
      let event: Stripe.Event;
      try {
        event = connect.verifyConnectWebhook(rawBody, signature);
        parseInput(EventShape, event, 'Stripe event');
      } catch (err) {
        events.webhook('rejected');
        throw err;
      }
      // Only Connect events belong here: a platform `payout.failed` is Stripe paying *us* out.
      if (!CONNECT_PAYOUT_EVENTS.has(event.type) || !event.account) {
        const result = await record(event);
        events.webhook(result.duplicate ? 'duplicate' : 'processed');
        return { received: true, duplicate: result.duplicate };
      }
      return apply(event);
    },
  };
}

export type PayoutEventHandler = ReturnType<typeof createPayoutEventHandler>;
