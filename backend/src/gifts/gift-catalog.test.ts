import type { GiftCatalog, WalletHistory } from '@airwave/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlocksRepository } from '../blocks/blocks.repository.ts';
import { createLimiterFactory } from '../platform/rate-limit.ts';
import { createStreamsRepository } from '../streams/streams.repository.ts';
import { createStreamsService } from '../streams/streams.service.ts';
import { grantCoins } from '../test/test-money.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { createGiftsRepository } from './gifts.repository.ts';
import { createGiftsService, type GiftsService } from './gifts.service.ts';

let s: TestServer;
let gifts: GiftsService;
beforeAll(async () => {
  s = await startTestServer();
  gifts = createGiftsService({
    beansPerCoin: 1,
    repo: createGiftsRepository(s.db),
    streams: createStreamsService({
      repo: createStreamsRepository(s.db),
      mediaMode: 'p2p',
      thumbnailsDir: '/tmp',
      bus: { emit() {} },
    }),
    blocks: { hasBlocked: createBlocksRepository(s.db).exists },
    limiter: createLimiterFactory(undefined)('t', { points: 100, durationSeconds: 1 }),
    events: { giftSent() {} },
  });
});
afterAll(() => s.close());

describe('gift catalog service (the admin panel builds on it)', () => {
  it('creates with beans from the rate, edits, and deactivates without deleting', async () => {
    const created = await gifts.createType({
      slug: 'lantern',
      name: 'Lantern',
      icon: 'lantern',
      costCoins: 40,
      sortOrder: 35,
    });
    expect(created).toMatchObject({ slug: 'lantern', costCoins: 40, beansValue: 40, active: true });
    await expect(
      gifts.createType({ slug: 'lantern', name: 'Again', icon: 'x', costCoins: 1 }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });

    const edited = await gifts.updateType(created.id, { costCoins: 50, beansValue: 45 });
    expect(edited).toMatchObject({ costCoins: 50, beansValue: 45 });
    const listed = await s.api<GiftCatalog>('GET', '/api/gifts');
    expect(listed.body.items.find((g) => g.id === created.id)?.costCoins).toBe(50);

    await gifts.updateType(created.id, { active: false });
    const afterDeactivate = await s.api<GiftCatalog>('GET', '/api/gifts');
    expect(afterDeactivate.body.items.some((g) => g.id === created.id)).toBe(false);
    expect((await gifts.fullCatalog()).items.find((g) => g.id === created.id)?.active).toBe(false);
    await expect(
      gifts.updateType('00000000-0000-4000-8000-000000000000', { name: 'x' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});

describe('ledger rows record the balance after each movement', () => {
  it('shows balanceAfter in the wallet history', async () => {
    const user = await s.register();
    await grantCoins(s.db, user.user.id, 30);
    await grantCoins(s.db, user.user.id, 12);
    const history = await s.api<WalletHistory>('GET', '/api/wallet/history', { token: user.accessToken });
    expect(history.body.items.map((i) => [i.delta, i.balanceAfter])).toEqual([
      [12, 42],
      [30, 30],
    ]);
  });
});
