import { randomUUID } from 'node:crypto';
import type {
  AdminCoinPackage,
  AdminCoinPackageList,
  AdminGiftList,
  ApiErrorResponse,
  AuthResponse,
  CoinPackageList,
  GiftCatalog,
  GiftItem,
} from '@airwave/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminKit } from '../test/admin-test-kit.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';

let s: TestServer;
let admin: AuthResponse;
const kit = adminKit(() => s);
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.registerWithRole('admin');
});
afterAll(() => s.close());

const as = <T>(method: string, path: string, body?: unknown) =>
  s.api<T & ApiErrorResponse>(method, path, { token: admin.accessToken, body });

describe('gift catalog', () => {
  it('creates, edits only what was sent, deactivates; the public catalog follows; audited', async () => {
    const created = await as<GiftItem>('POST', '/api/admin/gifts', {
      slug: 'paper-plane',
      name: 'Paper plane',
      icon: 'paper-plane',
      costCoins: 15,
      sortOrder: 25,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ slug: 'paper-plane', beansValue: 15, active: true, sortOrder: 25 });
    const dup = await as('POST', '/api/admin/gifts', {
      slug: 'paper-plane',
      name: 'x',
      icon: 'x',
      costCoins: 1,
    });
    expect(dup.status).toBe(409);

    const edited = await as<GiftItem>('PATCH', `/api/admin/gifts/${created.body.id}`, { costCoins: 20 });
    expect(edited.body).toMatchObject({ costCoins: 20, beansValue: 15, sortOrder: 25, name: 'Paper plane' });
    const pub = (await s.api<GiftCatalog>('GET', '/api/gifts')).body.items;
    expect(pub.find((g) => g.id === created.body.id)?.costCoins).toBe(20);

    await as('PATCH', `/api/admin/gifts/${created.body.id}`, { active: false });
    expect(
      (await s.api<GiftCatalog>('GET', '/api/gifts')).body.items.some((g) => g.id === created.body.id),
    ).toBe(false);
    const all = await as<AdminGiftList>('GET', '/api/admin/gifts');
    expect(all.body.items.find((g) => g.id === created.body.id)?.active).toBe(false);
    // Nothing is ever deleted: there is no DELETE route.
    expect((await as('DELETE', `/api/admin/gifts/${created.body.id}`)).status).toBe(404);

    const audits = await kit.audits(created.body.id);
    expect(audits.map((a) => [a.action, a.before, a.after])).toEqual([
      ['gift.update', { active: true }, { active: false }],
      ['gift.update', { costCoins: 15 }, { costCoins: 20 }],
      ['gift.create', null, expect.objectContaining({ slug: 'paper-plane' })],
    ]);
    expect((await as('PATCH', `/api/admin/gifts/${randomUUID()}`, { name: 'x' })).status).toBe(404);
  });
});

describe('coin packages', () => {
  it('creates, edits, deactivates; the shop and checkout follow; audited', async () => {
    const created = await as<AdminCoinPackage>('POST', '/api/admin/coin-packages', {
      id: 'coins-42',
      coins: 42,
      priceCents: 42,
      sortOrder: 5,
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: 'coins-42',
      coins: 42,
      bonusCoins: 0,
      priceCents: 42,
      currency: 'usd',
      active: true,
      sortOrder: 5,
    });
    expect(
      (await as('POST', '/api/admin/coin-packages', { id: 'coins-42', coins: 1, priceCents: 1 })).status,
    ).toBe(409);
    const shop = async () => (await s.api<CoinPackageList>('GET', '/api/coins/packages')).body.items;
    expect((await shop()).find((p) => p.id === 'coins-42')).toMatchObject({ coins: 42 });

    const edited = await as<AdminCoinPackage>('PATCH', '/api/admin/coin-packages/coins-42', {
      bonusCoins: 8,
    });
    expect(edited.body).toMatchObject({ bonusCoins: 8, sortOrder: 5, priceCents: 42 });
    await as('PATCH', '/api/admin/coin-packages/coins-42', { active: false });
    expect((await shop()).some((p) => p.id === 'coins-42')).toBe(false);
    const buyer = await s.register();
    const checkout = await s.api<ApiErrorResponse>('POST', '/api/payments/checkout', {
      token: buyer.accessToken,
      body: { packageId: 'coins-42', idempotencyKey: randomUUID() },
    });
    expect(checkout.status).toBe(400);

    const all = await as<AdminCoinPackageList>('GET', '/api/admin/coin-packages');
    expect(all.body.items.find((p) => p.id === 'coins-42')?.active).toBe(false);
    const audits = await kit.audits('coins-42');
    expect(audits.map((a) => [a.action, a.before, a.after])).toEqual([
      ['coin-package.update', { active: true }, { active: false }],
      ['coin-package.update', { bonusCoins: 0 }, { bonusCoins: 8 }],
      ['coin-package.create', null, expect.objectContaining({ coins: 42 })],
    ]);
    expect((await as('PATCH', '/api/admin/coin-packages/nope', { coins: 1 })).status).toBe(404);
  });
});
