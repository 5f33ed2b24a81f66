import type { AdminStream, ApiErrorResponse, AuthResponse, GiftItem } from '@airwave/shared';
import { eq, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { giftCatalog, streams } from '../db/schema/index.ts';
import { adminKit } from '../test/admin-test-kit.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';

let s: TestServer;
let admin: AuthResponse;
const kit = adminKit(() => s);
beforeAll(async () => {
  s = await startTestServer();
  admin = await s.registerWithRole('admin');
  await s.db.execute(sql`
    CREATE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION 'audit log refused the row'; END $$`);
});
afterEach(() => s.db.execute(sql`DROP TRIGGER IF EXISTS refuse_audit ON audit_log`));
afterAll(() => s.close());

/** From here on every audit insert fails, as a full disk or a lost connection would make it. */
const refuseAudits = () =>
  s.db.execute(sql`
    CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit()`);

const as = <T>(method: string, path: string, body?: unknown) =>
  s.api<T & ApiErrorResponse>(method, path, { token: admin.accessToken, body });

// The gift catalog and the forced stream end wrote their audit row after the action had committed:
// a failed audit write left an unaudited action behind.
describe('an admin action and its audit row commit together', () => {
  it('creating a gift: no gift without its row, exactly one row with it', async () => {
    const gift = { slug: 'audit-kite', name: 'Kite', icon: 'kite', costCoins: 5 };
    await refuseAudits();
    expect((await as('POST', '/api/admin/gifts', gift)).status).toBe(500);
    expect(await s.db.select().from(giftCatalog).where(eq(giftCatalog.slug, gift.slug))).toEqual([]);

    await s.db.execute(sql`DROP TRIGGER refuse_audit ON audit_log`);
    const created = await as<GiftItem>('POST', '/api/admin/gifts', gift);
    expect(created.status).toBe(201);
    expect(await kit.audits(created.body.id)).toEqual([
      expect.objectContaining({ action: 'gift.create', actorId: admin.user.id }),
    ]);
  });

  it('editing a gift: a refused row leaves the old price, a written one records the change once', async () => {
    const created = await as<GiftItem>('POST', '/api/admin/gifts', {
      slug: 'audit-drum',
      name: 'Drum',
      icon: 'drum',
      costCoins: 7,
    });
    await refuseAudits();
    expect((await as('PATCH', `/api/admin/gifts/${created.body.id}`, { costCoins: 9 })).status).toBe(500);
    const [row] = await s.db.select().from(giftCatalog).where(eq(giftCatalog.id, created.body.id));
    expect(row?.costCoins).toBe(7);

    await s.db.execute(sql`DROP TRIGGER refuse_audit ON audit_log`);
    expect((await as('PATCH', `/api/admin/gifts/${created.body.id}`, { costCoins: 9 })).status).toBe(200);
    expect(await kit.audits(created.body.id, 'gift.update')).toEqual([
      expect.objectContaining({ before: { costCoins: 7 }, after: { costCoins: 9 } }),
    ]);
  });

  it('ending a stream: a refused row leaves it live, a written one ends it with one row', async () => {
    const { stream } = await kit.liveStream('audited end');
    await refuseAudits();
    const refused = await as('POST', `/api/admin/streams/${stream.id}/end`, { reason: 'test' });
    expect(refused.status).toBe(500);
    const [row] = await s.db.select().from(streams).where(eq(streams.id, stream.id));
    expect(row?.status).toBe('live');

    await s.db.execute(sql`DROP TRIGGER refuse_audit ON audit_log`);
    const ended = await as<AdminStream>('POST', `/api/admin/streams/${stream.id}/end`, { reason: 'test' });
    expect(ended.body).toMatchObject({ status: 'ended', endedReason: 'ended-by-moderator' });
    expect(await kit.audits(stream.id)).toEqual([
      expect.objectContaining({
        action: 'stream.end',
        reason: 'test',
        after: { status: 'ended', endedReason: 'ended-by-moderator' },
      }),
    ]);
  });
});
