import type { ApiErrorResponse, AuthResponse, Stream, WalletHistory } from '@airwave/shared';
import { decodeJwt, SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../test/test-server.ts';
import { closeAllSockets, connectSocket, emitAck, ok } from '../test/test-socket.ts';

/**
 * Issue 17: inputs that used to answer 500 (and log a stack trace at error level each time).
 * Each case here must be a 4xx with a stable code, and nothing may reach the log at error level.
 */
let s: TestServer;
let user: AuthResponse;
let admin: AuthResponse;
beforeAll(async () => {
  s = await startTestServer();
  user = await s.register();
  admin = await s.registerWithRole('admin');
});
afterEach(() => {
  closeAllSockets();
  const errors = s.logs.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
  expect(errors).toEqual([]);
});
afterAll(() => s.close());

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const UUID = '00000000-0000-4000-8000-000000000000';

async function expectRefused(
  res: Promise<{ status: number; body: unknown }>,
  status: number,
  code: string,
  label = code,
) {
  const { status: got, body } = await res;
  expect(got, `${label}: ${JSON.stringify(body)}`).toBe(status);
  expect((body as ApiErrorResponse).error.code, label).toBe(code);
}

describe('a body that is not compressed as its Content-Encoding says', () => {
  for (const encoding of ['gzip', 'br', 'deflate']) {
    it(`answers ${encoding} garbage with 400 MALFORMED_REQUEST on JSON and raw-body routes`, async () => {
      for (const path of ['/api/auth/login', '/api/streams', '/api/payments/webhook/stripe']) {
        await expectRefused(
          s.api('POST', path, {
            rawBody: '{"email":"a@b.co","password":"x"}',
            headers: { 'content-encoding': encoding, 'content-type': 'application/json' },
          }),
          400,
          'MALFORMED_REQUEST',
          `${encoding} ${path}`,
        );
      }
    });
  }

  it('answers a path with broken percent-encoding with 400, not 500', async () => {
    await expectRefused(s.api('GET', '/api/streams/%E0%A4%A'), 400, 'MALFORMED_REQUEST');
  });
});

describe('text PostgreSQL cannot store', () => {
  const NUL = 'a\u0000b';
  const LONE_SURROGATE = 'a\uD800b';

  it('refuses NUL and lone surrogates in queries and bodies with VALIDATION_FAILED', async () => {
    const streamer = await s.register();
    const created = await s.api<Stream>('POST', '/api/streams', {
      token: streamer.accessToken,
      body: { title: 'Fine title', category: 'music' },
    });
    expect(created.status).toBe(201);
    for (const bad of [NUL, LONE_SURROGATE]) {
      const cases: Array<[string, string, { body?: unknown; token?: string }]> = [
        // A lone surrogate has no percent-encoding, so the query string cases carry NUL only.
        ['GET', `/api/streams?q=${encodeURIComponent(NUL)}`, {}],
        ['POST', '/api/streams', { token: user.accessToken, body: { title: bad, category: 'music' } }],
        [
          'PATCH',
          `/api/streams/${created.body.id}`,
          { token: streamer.accessToken, body: { description: bad } },
        ],
        ['PATCH', '/api/users/me', { token: user.accessToken, body: { bio: bad } }],
        ['PATCH', '/api/users/me', { token: user.accessToken, body: { avatarUrl: `https://x.test/${bad}` } }],
        ['POST', '/api/auth/login', { body: { email: 'a@b.co', password: `password${bad}` } }],
        ['GET', `/api/admin/users?q=${encodeURIComponent(NUL)}`, { token: admin.accessToken }],
        ['POST', '/api/admin/banned-words', { token: admin.accessToken, body: { word: bad } }],
      ];
      for (const [method, path, options] of cases) {
        const res = await s.api<ApiErrorResponse>(method, path, options);
        expect(res.status, `${method} ${path} ${JSON.stringify(options.body)}`).toBe(400);
        expect(res.body.error.code).toBe('VALIDATION_FAILED');
        expect(res.body.error.message).toMatch(/NUL characters or unpaired/);
      }
    }
  });

  it('refuses NUL in chat text and a channel banned word over the socket', async () => {
    const streamer = await s.register();
    const stream = await s.api<Stream>('POST', '/api/streams', {
      token: streamer.accessToken,
      body: { title: 'Chat NUL', category: 'music' },
    });
    const socket = await connectSocket(s.url, { token: streamer.accessToken });
    await ok(socket, 'join-stream', { streamId: stream.body.id });
    for (const [event, payload] of [
      ['send-message', { streamId: stream.body.id, text: NUL }],
      ['update-chat-settings', { streamId: stream.body.id, bannedWords: [NUL] }],
    ] as const) {
      const ack = await emitAck(socket, event, payload);
      expect(ack, event).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    }
    // Astral characters are well-formed surrogate pairs and stay allowed.
    const emoji = await ok(socket, 'send-message', { streamId: stream.body.id, text: 'hi 🎉' });
    expect(emoji.message.text).toBe('hi 🎉');
  });
});

describe('crafted cursors', () => {
  it('refuses stream cursors whose parts the SQL comparison cannot take', async () => {
    const cursors = [
      b64({ k: 1e308, id: UUID }),
      b64({ k: -1, id: UUID }),
      b64({ k: 1, id: '0123456789abcdef0123456789abcdef0123' }),
      b64({ k: 1, id: UUID, extra: true }),
      b64([1, UUID]),
      'not-base64-json',
    ];
    for (const cursor of cursors) {
      for (const status of ['live', 'ended']) {
        await expectRefused(
          s.api('GET', `/api/streams?status=${status}&cursor=${cursor}`),
          400,
          'VALIDATION_FAILED',
          `${status} ${Buffer.from(cursor, 'base64url').toString()}`,
        );
      }
    }
    // The live list sorts on an int4 viewer count.
    await expectRefused(
      s.api('GET', `/api/streams?cursor=${b64({ k: 1.5, id: UUID })}`),
      400,
      'VALIDATION_FAILED',
    );
    // An ended list's cursor carries a fraction of a second; it still works on the ended list.
    const ended = await s.api(
      'GET',
      `/api/streams?status=ended&cursor=${b64({ k: 1.7e9 + 0.25, id: UUID })}`,
    );
    expect(ended.status).toBe(200);
  });

  it('refuses a wallet history cursor past the id range', async () => {
    await expectRefused(
      s.api<WalletHistory>('GET', `/api/wallet/history?cursor=${'9'.repeat(23)}`, {
        token: user.accessToken,
      }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('refuses an admin time cursor with an impossible date', async () => {
    for (const t of ['2024-02-31 10:00:00+00', '2024-01-01 99:00:00+00', '2024-13-01 10:00:00+00']) {
      await expectRefused(
        s.api('GET', `/api/admin/payments?cursor=${b64([t, UUID])}`, { token: admin.accessToken }),
        400,
        'VALIDATION_FAILED',
        t,
      );
    }
  });
});

describe('a token signed with the real secret but with the wrong claims', () => {
  const key = new TextEncoder().encode(TEST_JWT_SECRET);
  const forge = (claims: { sid?: unknown; sub?: string; role?: unknown }) => {
    const real = decodeJwt(user.accessToken);
    return new SignJWT({ sid: 'sid' in claims ? claims.sid : real.sid, role: claims.role ?? 'user' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.sub ?? String(real.sub))
      .setIssuer('airwave')
      .setAudience('airwave-api')
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(key);
  };
  const bad = [
    { sid: 'not-a-uuid' },
    { sub: 'not-a-uuid' },
    { sub: '0123456789abcdef0123456789abcdef0123' },
    { role: 'root' },
    { sid: 12 },
  ];

  it('answers 401 UNAUTHENTICATED over REST', async () => {
    for (const claims of bad) {
      await expectRefused(
        forge(claims).then((token) => s.api('GET', '/api/auth/me', { token })),
        401,
        'UNAUTHENTICATED',
        JSON.stringify(claims),
      );
    }
  });

  it('refuses the socket handshake with UNAUTHENTICATED', async () => {
    for (const claims of bad) {
      const token = await forge(claims);
      const err = await connectSocket(s.url, { token }).then(
        () => new Error('accepted'),
        (e: Error & { data?: { code: string } }) => e,
      );
      expect((err as { data?: { code: string } }).data, JSON.stringify(claims)).toMatchObject({
        code: 'UNAUTHENTICATED',
      });
    }
  });
});
