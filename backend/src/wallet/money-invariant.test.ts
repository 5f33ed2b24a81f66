import { randomUUID } from 'node:crypto';
import type {
  AuthResponse,
  CheckoutResponse,
  GiftCatalog,
  Payout,
  Reconciliation,
  Stream,
} from '@airwave/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { releaseHolds } from '../ledger/hold-release.ts';
import {
  chargeRefunded,
  deliver,
  type FakeStripe,
  startFakeStripe,
  stripeEvent,
} from '../test/fake-stripe.ts';
import { bookProblems, grantCoins, ledgerMismatches } from '../test/test-money.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { closeAllSockets, connectSocket, emitAck, ok, type TestSocket } from '../test/test-socket.ts';

/** A small deterministic PRNG, so a failing sequence can be replayed from its seed. */
function mulberry32(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let s: TestServer;
let admin: AuthResponse;
let fake: FakeStripe;
beforeAll(async () => {
  fake = await startFakeStripe();
  s = await startTestServer({
    ...fake.env,
    MIN_PAYOUT_BEANS: '1',
    GIFT_RATE_POINTS: '100000',
    BEAN_SETTLE_INTERVAL_MS: '30',
    // Gift beans go on hold; a "time passes" step releases the lots due by then.
    BEAN_HOLD_DAYS: '7',
  });
  admin = await s.registerWithRole('admin');
});
afterEach(closeAllSockets);
afterAll(async () => {
  await s.close();
  await fake.close();
});

describe('money invariant under a random mix of operations', () => {
  const seed = Number(process.env.MONEY_SEED ?? Date.now() % 100_000);

  it(`every balance equals its ledger and its postings, the books balance, none is negative, holds releasing (seed ${seed})`, async () => {
    const rand = mulberry32(seed);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)] as T;
    const gifts = (await s.api<GiftCatalog>('GET', '/api/gifts')).body.items.filter(
      (g) => g.costCoins <= 300,
    );

    const streamers = await Promise.all(
      [0, 1, 2].map(async () => {
        const streamer = await s.register();
        const stream = (
          await s.api<Stream>('POST', '/api/streams', {
            token: streamer.accessToken,
            body: { title: 'mix', category: 'music' },
          })
        ).body;
        return { streamer, stream };
      }),
    );
    const viewers: Array<{ account: AuthResponse; socket: TestSocket }> = [];
    for (let i = 0; i < 6; i++) {
      const account = await s.register();
      const socket = await connectSocket(s.url, { token: account.accessToken });
      for (const { stream } of streamers) await ok(socket, 'join-stream', { streamId: stream.id });
      viewers.push({ account, socket });
    }
    const pendingPayouts: string[] = [];
    /** How many streamers' lots the "time passes" steps released (the run must release some). */
    let released = 0;
    /** Stripe sessions of completed purchases, which a refund may hit later. */
    const paidSessions: string[] = [];
    const packages = ['coins-100', 'coins-500'];

    /** Buys coins through Stripe Checkout and a signed completion webhook. */
    const purchase = async (buyer: AuthResponse, packageId: string) => {
      const res = await s.api<CheckoutResponse>('POST', '/api/payments/checkout', {
        token: buyer.accessToken,
        body: { packageId, idempotencyKey: randomUUID() },
      });
      const sessionId = res.body.url.split('/').at(-1) ?? '';
      const completed = stripeEvent('checkout.session.completed', fake.pay(sessionId));
      const delivered = await deliver(s, completed);
      expect(delivered.status, JSON.stringify(delivered.body)).toBe(200);
      paidSessions.push(sessionId);
    };

    for (let step = 0; step < 120; step++) {
      const roll = rand();
      const batch: Promise<unknown>[] = [];
      // Several operations at once, so they interleave on the server.
      for (let k = 0; k < 4; k++) {
        if (roll < 0.08) {
          batch.push(grantCoins(s.db, pick(viewers).account.user.id, 1 + Math.floor(rand() * 500)));
        } else if (roll < 0.12) {
          // An admin grant or debit: promotional coins (or beans), spent first, never withdrawable.
          const who = rand() < 0.7 ? pick(viewers).account : pick(streamers).streamer;
          const up = rand() < 0.75;
          batch.push(
            s.api('POST', `/api/admin/users/${who.user.id}/adjust-balance`, {
              token: admin.accessToken,
              body: {
                account: rand() < 0.7 ? 'coins' : 'beans',
                delta: (up ? 1 : -1) * (1 + Math.floor(rand() * 300)),
                reason: 'random promo',
              },
            }),
          );
        } else if (roll < 0.25) {
          batch.push(purchase(pick(viewers).account, pick(packages)));
        } else if (roll < 0.3) {
          // A refund, sometimes of coins already spent on gifts (debt), sometimes delivered twice.
          const session = paidSessions.length ? fake.sessions.get(pick(paidSessions)) : undefined;
          if (session) {
            const refund = stripeEvent('charge.refunded', chargeRefunded(session));
            batch.push(deliver(s, refund));
            if (rand() < 0.3) batch.push(deliver(s, refund));
          }
        } else if (roll < 0.36) {
          // Time passes: release what is due 6 to 8 days from now (some lots, all, or none), while
          // the other operations of the step run; sometimes twice at once, as two nodes would.
          const asOf = new Date(Date.now() + (6 + 2 * rand()) * 86_400_000);
          const release = () => releaseHolds(s.db, { asOf }).then((ids) => (released += ids.length));
          batch.push(release());
          if (rand() < 0.3) batch.push(release());
        } else if (roll < 0.8) {
          const v = pick(viewers);
          const target = pick(streamers);
          const g = pick(gifts);
          const payload = {
            streamId: target.stream.id,
            giftId: g.id,
            count: 1 + Math.floor(rand() * 3),
            idempotencyKey: randomUUID(),
          };
          batch.push(emitAck(v.socket, 'send-gift', payload));
          if (rand() < 0.2) batch.push(emitAck(v.socket, 'send-gift', payload)); // a client retry
        } else if (roll < 0.92) {
          const { streamer } = pick(streamers);
          batch.push(
            s
              .api<Payout>('POST', '/api/payouts', {
                token: streamer.accessToken,
                body: { beans: 1 + Math.floor(rand() * 200), idempotencyKey: randomUUID() },
              })
              .then((r) => {
                if (r.status === 201) pendingPayouts.push(r.body.id);
              }),
          );
        } else if (pendingPayouts.length) {
          const id = pendingPayouts.splice(Math.floor(rand() * pendingPayouts.length), 1)[0];
          const decision = rand() < 0.5 ? 'approve' : 'reject';
          batch.push(
            s.api('POST', `/api/admin/payouts/${id}/${decision}`, {
              token: admin.accessToken,
              body: { reason: 'random check' },
            }),
          );
        }
      }
      await Promise.all(batch);
      // The double-entry book after every step: each entry sums to zero per unit, the trial balance
      // is zero, every cached balance (coins, beans, pending credits, held payouts) equals its
      // postings and none is negative.
      expect(await bookProblems(s.db), `step ${step} (seed ${seed})`).toEqual([]);
    }

    expect(await ledgerMismatches(s.db)).toEqual([]);
    expect(paidSessions.length).toBeGreaterThan(0);
    expect(released).toBeGreaterThan(0);
    // Every charge and refund at (the fake) Stripe is in Stripe clearing, and nothing else is.
    const reconciled = await s.api<Reconciliation>('POST', '/api/admin/ledger/reconcile', {
      token: admin.accessToken,
    });
    expect(reconciled.body.differences).toEqual([]);
    expect(reconciled.body.stripeTransactions).toBeGreaterThanOrEqual(paidSessions.length);
  }, 120_000);
});
