import type { ApiErrorResponse, CategoryList, Me, Stream, StreamList } from '@airwave/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/test-server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const create = (token: string, body: unknown) =>
  s.api<Stream & ApiErrorResponse>('POST', '/api/streams', { token, body });

describe('going live', () => {
  it('creates a live stream and makes a plain user a streamer', async () => {
    const user = await s.register();
    const res = await create(user.accessToken, { title: '  First stream!  ', category: 'gaming' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: 'First stream!',
      description: '',
      category: 'gaming',
      status: 'live',
      mediaMode: 'p2p',
      viewerCount: 0,
      streamer: { id: user.user.id, nickname: user.user.nickname },
      endedAt: null,
    });
    const me = await s.api<Me>('GET', '/api/auth/me', { token: user.accessToken });
    expect(me.body.role).toBe('streamer');
    expect(me.body.stats.streamsCount).toBe(1);
  });

  it('allows one live stream per streamer', async () => {
    const user = await s.register();
    expect((await create(user.accessToken, { title: 'one', category: 'music' })).status).toBe(201);
    const second = await create(user.accessToken, { title: 'two', category: 'music' });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('ALREADY_LIVE');
  });

  it('needs a signed-in user and a valid body', async () => {
    expect((await s.api('POST', '/api/streams', { body: { title: 'x', category: 'music' } })).status).toBe(
      401,
    );
    const user = await s.register();
    for (const [body, field] of [
      [{ category: 'music' }, 'title'],
      [{ title: '   ', category: 'music' }, 'title'],
      [{ title: 't'.repeat(101), category: 'music' }, 'title'],
      [{ title: 'ok', category: 'cooking-with-gas' }, 'category'],
      [{ title: 'ok', category: 'music', description: 'd'.repeat(1001) }, 'description'],
      [{ title: 'ok', category: 'music', viewerCount: 9000 }, ''],
    ] as const) {
      const res = await create(user.accessToken, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
      expect((res.body.error.details as Array<{ path: string }>).map((d) => d.path)).toContain(field);
    }
  });
});

describe('changing and ending a stream', () => {
  it('lets only the owner edit', async () => {
    const owner = await s.register();
    const other = await s.register();
    const stream = (await create(owner.accessToken, { title: 'mine', category: 'irl' })).body;
    const denied = await s.api<ApiErrorResponse>('PATCH', `/api/streams/${stream.id}`, {
      token: other.accessToken,
      body: { title: 'hijacked' },
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('FORBIDDEN');
    const edited = await s.api<Stream>('PATCH', `/api/streams/${stream.id}`, {
      token: owner.accessToken,
      body: { title: 'still mine', category: 'talk-shows' },
    });
    expect(edited.body).toMatchObject({ title: 'still mine', category: 'talk-shows' });
    const empty = await s.api('PATCH', `/api/streams/${stream.id}`, { token: owner.accessToken, body: {} });
    expect(empty.status).toBe(400);
  });

  it('lets the owner, a moderator or an admin end it — nobody else', async () => {
    const owner = await s.register();
    const other = await s.register();
    const moderator = await s.registerWithRole('moderator');
    const a = (await create(owner.accessToken, { title: 'a', category: 'irl' })).body;
    expect((await s.api('POST', `/api/streams/${a.id}/end`, { token: other.accessToken })).status).toBe(403);
    const ended = await s.api<Stream>('POST', `/api/streams/${a.id}/end`, { token: moderator.accessToken });
    expect(ended.status).toBe(200);
    expect(ended.body.status).toBe('ended');
    const again = await s.api<ApiErrorResponse>('POST', `/api/streams/${a.id}/end`, {
      token: owner.accessToken,
    });
    expect(again.body.error.code).toBe('STREAM_NOT_LIVE');
    // Ending frees the streamer to go live again.
    expect((await create(owner.accessToken, { title: 'b', category: 'irl' })).status).toBe(201);
  });

  it('answers 404 and 400 for unknown and malformed ids', async () => {
    expect((await s.api('GET', '/api/streams/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await s.api('GET', '/api/streams/123')).status).toBe(400);
  });
});

describe('listing', () => {
  it('lists live streams by category and search, paginated with a cursor', async () => {
    const tag = `zz${Date.now().toString(36)}`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const streamer = await s.register({ nickname: `${tag}_${i}` });
      ids.push(
        (await create(streamer.accessToken, { title: `${tag} stream ${i}`, category: 'education' })).body.id,
      );
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: StreamList } = await s.api<StreamList>(
        'GET',
        `/api/streams?q=${tag}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((x) => x.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual([...ids].sort());

    const byNickname = await s.api<StreamList>('GET', `/api/streams?q=${tag}_3`);
    expect(byNickname.body.items.map((x) => x.id)).toEqual([ids[3]]);
    const otherCategory = await s.api<StreamList>('GET', `/api/streams?q=${tag}&category=music`);
    expect(otherCategory.body.items).toEqual([]);
    const wildcard = await s.api<StreamList>('GET', '/api/streams?q=%25%25');
    expect(wildcard.status).toBe(200);
    expect(wildcard.body.items.every((x) => x.title.includes('%'))).toBe(true);
  });

  it('validates the query', async () => {
    for (const q of ['limit=0', 'limit=51', 'status=paused', 'category=nope', 'unknown=1', 'streamerId=1']) {
      const res = await s.api<ApiErrorResponse>('GET', `/api/streams?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('VALIDATION_FAILED');
    }
    // A cursor is input like any other: a forged one is refused, not silently read as page one.
    const garbageCursor = await s.api<ApiErrorResponse>('GET', '/api/streams?cursor=not-base64-json');
    expect(garbageCursor.status).toBe(400);
    expect(garbageCursor.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('counts live streams per category', async () => {
    const res = await s.api<CategoryList>('GET', '/api/categories');
    expect(res.status).toBe(200);
    expect(res.body.items.map((c) => c.slug)).toContain('music');
    expect(res.body.items.find((c) => c.slug === 'education')?.liveCount).toBeGreaterThanOrEqual(5);
  });
});

describe('thumbnails', () => {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
    'base64',
  );
  const put = (id: string, token: string, body: Buffer, type = 'image/png') =>
    fetch(`${s.url}/api/streams/${id}/thumbnail`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      // A Uint8Array is a body under both Node's and the DOM's fetch types (jest-expo's jsdom types
      // are hoisted to the root and reach this project through vitest's optional types).
      body: new Uint8Array(body),
    });

  it('accepts a small image from the owner and serves it', async () => {
    const owner = await s.register();
    const stream = (await create(owner.accessToken, { title: 'thumb', category: 'creative' })).body;
    const res = await put(stream.id, owner.accessToken, png);
    expect(res.status).toBe(200);
    const updated = (await res.json()) as Stream;
    expect(updated.thumbnailUrl).toMatch(new RegExp(`^/api/streams/${stream.id}/thumbnail\\?v=`));
    const image = await fetch(`${s.url}${updated.thumbnailUrl}`);
    expect(image.headers.get('content-type')).toBe('image/png');
    // The phone app's web export shows it from another origin.
    expect(image.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);
  });

  it('refuses other users, wrong types, fake images and oversized files', async () => {
    const owner = await s.register();
    const other = await s.register();
    const stream = (await create(owner.accessToken, { title: 'thumb2', category: 'creative' })).body;
    expect((await put(stream.id, other.accessToken, png)).status).toBe(403);
    expect((await put(stream.id, owner.accessToken, Buffer.from('<svg/>'), 'image/svg+xml')).status).toBe(
      400,
    );
    expect((await put(stream.id, owner.accessToken, Buffer.from('not really a png'))).status).toBe(400);
    expect((await put(stream.id, owner.accessToken, Buffer.alloc(300 * 1024, 1))).status).toBe(413);
    expect((await s.api('GET', `/api/streams/${stream.id}/thumbnail`)).status).toBe(404);
  });
});
