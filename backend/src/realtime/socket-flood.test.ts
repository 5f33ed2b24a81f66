import { request } from 'node:http';
import { RECENT_CHAT_LIMIT, type Stream } from '@airwave/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import {
  closeAllSockets,
  connectAnonymous,
  connectSocket,
  emitAck,
  nextEvent,
  ok,
  type TestSocket,
} from '../test/test-socket.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ SOCKET_EVENTS_PER_10S: '20' });
});
afterEach(closeAllSockets);
afterAll(() => s.close());

describe('per-connection event budget', () => {
  it('answers a flood with RATE_LIMITED and the wait, and spares other connections', async () => {
    const flooder = await connectSocket(s.url);
    const answers = await Promise.all(Array.from({ length: 30 }, () => emitAck(flooder, 'whoami', {})));
    const limited = answers.filter((a) => !a.ok);
    expect(answers.filter((a) => a.ok)).toHaveLength(20);
    expect(limited).toHaveLength(10);
    expect(limited[0]).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED', details: { retryAfterSeconds: 10 } },
    });
    expect(flooder.connected).toBe(true);

    const neighbour = await connectSocket(s.url);
    expect(await emitAck(neighbour, 'whoami', {})).toMatchObject({ ok: true });
  });
});

/** The p-th percentile of `values` (nearest rank). */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A bystander listing live streams over and over while `attack` runs: every request's time, in ms.
 * Both stop by themselves: the attack after its fixed number of batches, the bystander with it.
 */
async function bystanderDuring(server: TestServer, attack: () => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  let attacking = true;
  const bystander = (async () => {
    while (attacking) {
      const started = performance.now();
      const res = await server.api('GET', '/api/streams');
      expect(res.status).toBe(200);
      times.push(performance.now() - started);
      await sleep(10);
    }
  })();
  await attack();
  attacking = false;
  await bystander;
  return times;
}

/** Fires `perRound` join-stream events from each socket, 20 rounds 150 ms apart (~3 s: 5,000 from one socket is the reported 10 s flood, squeezed). */
async function floodJoins(sockets: TestSocket[], streamId: string, perRound: number) {
  for (let round = 0; round < 20; round++) {
    for (const socket of sockets) {
      for (let i = 0; i < perRound; i++) socket.emit('join-stream', { streamId }, () => {});
    }
    await sleep(150);
  }
  // Wait for every ack the server still owes, so the bystander measures the whole attack.
  await Promise.all(sockets.map((socket) => emitAck(socket, 'whoami', {})));
}

describe('one client cannot stall everyone', () => {
  let f: TestServer;
  beforeAll(async () => {
    // Budgets as shipped (the test defaults lift them, since every test client shares 127.0.0.1).
    f = await startTestServer({
      SOCKET_POINTS_PER_IP_10S: '3000',
      SOCKET_POINTS_PER_USER_10S: '1000',
      SOCKET_CONNECTIONS_PER_IP: '50',
      SOCKET_HANDSHAKES_PER_IP_PER_MINUTE: '120',
      // Behind a "proxy" on loopback, so each attacker can come from an address of its own.
      TRUST_PROXY: 'loopback',
    });
    // Something to list: a few live streams, each with a little chat history.
    for (let i = 0; i < 5; i++) {
      const streamer = await f.register();
      const res = await f.api<Stream>('POST', '/api/streams', {
        token: streamer.accessToken,
        body: { title: `Listed ${i}`, category: 'music' },
      });
      const host = await connectSocket(f.url, { token: streamer.accessToken });
      await ok(host, 'join-stream', { streamId: res.body.id });
      await ok(host, 'send-message', { streamId: res.body.id, text: 'hello' });
    }
  });
  afterAll(() => f.close());

  /** A live stream with a full page of chat history and `viewers` anonymous viewers in the room. */
  async function busyStream(viewers: number) {
    const streamer = await f.register();
    const res = await f.api<Stream>('POST', '/api/streams', {
      token: streamer.accessToken,
      body: { title: 'Flooded', category: 'music' },
    });
    const host = await connectSocket(f.url, { token: streamer.accessToken });
    await ok(host, 'join-stream', { streamId: res.body.id });
    // The streamer is exempt from the chat limits.
    for (let i = 0; i < RECENT_CHAT_LIMIT; i++) {
      await ok(host, 'send-message', { streamId: res.body.id, text: `message number ${i} in the history` });
    }
    for (let i = 0; i < viewers; i++) {
      await ok(await connectSocket(f.url), 'join-stream', { streamId: res.body.id });
    }
    return res.body;
  }

  it('keeps a bystander’s GET /api/streams p99 under 250 ms while one socket floods join-stream', async () => {
    const stream = await busyStream(40);
    const attacker = await connectSocket(f.url, {}, { headers: { 'x-forwarded-for': '203.0.113.1' } });
    const times = await bystanderDuring(f, () => floodJoins([attacker], stream.id, 250));
    console.info(`bystander: ${times.length} requests, p99 ${percentile(times, 99).toFixed(0)} ms`);
    expect(times.length).toBeGreaterThan(20);
    expect(percentile(times, 99)).toBeLessThan(250);
  }, 30_000);

  it('and while ten anonymous sockets flood it together', async () => {
    const stream = await busyStream(40);
    const attackers = await Promise.all(
      Array.from({ length: 10 }, () =>
        connectSocket(f.url, {}, { headers: { 'x-forwarded-for': '203.0.113.2' } }),
      ),
    );
    const times = await bystanderDuring(f, () => floodJoins(attackers, stream.id, 50));
    console.info(`bystander: ${times.length} requests, p99 ${percentile(times, 99).toFixed(0)} ms`);
    expect(times.length).toBeGreaterThan(20);
    expect(percentile(times, 99)).toBeLessThan(250);
  }, 30_000);
});

describe('per-client budgets, viewer keys and origins', () => {
  let g: TestServer;
  beforeAll(async () => {
    g = await startTestServer({
      TRUST_PROXY: 'loopback',
      CORS_ORIGINS: 'https://app.example',
      SOCKET_CONNECTIONS_PER_IP: '5',
      SOCKET_CONNECTIONS_PER_USER: '3',
      SOCKET_HANDSHAKES_PER_IP_PER_MINUTE: '20',
      SOCKET_POINTS_PER_IP_10S: '100',
      SOCKET_POINTS_PER_USER_10S: '50',
      VIEWERS_PER_IP: '2',
      VIEWER_COUNT_INTERVAL_MS: '50',
    });
  });
  afterAll(() => g.close());

  /** Options for a client behind the loopback "proxy" at `ip`, plus any other headers. */
  const from = (ip: string, headers: Record<string, string> = {}) => ({
    headers: { 'x-forwarded-for': ip, ...headers },
  });
  const refusalOf = (attempt: Promise<unknown>) =>
    attempt.then(
      () => undefined,
      (err: Error & { data?: unknown }) => err,
    );
  const unknownStream = '00000000-0000-4000-8000-000000000000';

  it('refuses connection N+1 from one address at the handshake with RATE_LIMITED, and frees the slot on close', async () => {
    const five = await Promise.all(
      Array.from({ length: 5 }, () => connectSocket(g.url, {}, from('198.51.100.1'))),
    );
    const refused = await refusalOf(connectSocket(g.url, {}, from('198.51.100.1')));
    expect(refused?.data).toMatchObject({ code: 'RATE_LIMITED' });
    // Another address is not affected.
    await connectSocket(g.url, {}, from('198.51.100.2'));
    five[0]?.disconnect();
    await expect.poll(() => refusalOf(connectSocket(g.url, {}, from('198.51.100.1')))).toBeUndefined();
  });

  it('caps one user’s connections wherever they come from', async () => {
    const user = await g.register();
    for (let i = 0; i < 3; i++)
      await connectSocket(g.url, { token: user.accessToken }, from(`198.51.101.${i}`));
    const refused = await refusalOf(connectSocket(g.url, { token: user.accessToken }, from('198.51.101.9')));
    expect(refused?.data).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('limits handshakes per address per minute, so reconnect churn cannot mint keys without end', async () => {
    for (let i = 0; i < 20; i++) (await connectSocket(g.url, {}, from('198.51.100.9'))).disconnect();
    const refused = await refusalOf(connectSocket(g.url, {}, from('198.51.100.9')));
    expect(refused?.data).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('weighs events by cost, per address across its connections and per user across theirs', async () => {
    const [a, b] = await Promise.all([
      connectSocket(g.url, {}, from('198.51.100.3')),
      connectSocket(g.url, {}, from('198.51.100.3')),
    ]);
    // Ten joins (10 points each) spend the address's 100 points, whatever they answer.
    for (let i = 0; i < 10; i++) await emitAck(a as TestSocket, 'join-stream', { streamId: unknownStream });
    expect(await emitAck(b as TestSocket, 'whoami', {})).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
    // A cheap event costs one point: fifty of them fit where ten joins did not leave room.
    const c = await connectSocket(g.url, {}, from('198.51.100.4'));
    const answers = await Promise.all(Array.from({ length: 50 }, () => emitAck(c, 'whoami', {})));
    expect(answers.every((x) => x.ok)).toBe(true);

    const user = await g.register();
    const here = await connectSocket(g.url, { token: user.accessToken }, from('198.51.100.5'));
    const there = await connectSocket(g.url, { token: user.accessToken }, from('198.51.100.6'));
    for (let i = 0; i < 5; i++) await emitAck(here, 'join-stream', { streamId: unknownStream });
    expect(await emitAck(there, 'whoami', {})).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  });

  it('issues signed viewer keys and ignores made-up or forged ones; counts at most VIEWERS_PER_IP per address', async () => {
    const streamer = await g.register();
    const stream = (
      await g.api<Stream>('POST', '/api/streams', {
        token: streamer.accessToken,
        body: { title: 'Counted', category: 'music' },
      })
    ).body;
    const host = await connectSocket(g.url, { token: streamer.accessToken });
    await ok(host, 'join-stream', { streamId: stream.id });

    // Two tabs of one browser: the second presents the key the first was issued.
    const tab = await connectAnonymous(g.url, undefined, from('198.51.102.1'));
    const key = await tab.issued;
    const twin = await connectAnonymous(g.url, key, from('198.51.102.1'));
    // A made-up key and a forged one are ignored: each gets a key of its own.
    const madeUp = await connectAnonymous(g.url, 'anon-browser-0001', from('198.51.102.2'));
    const forged = await connectAnonymous(g.url, `${key.slice(0, -2)}AA`, from('198.51.102.3'));
    expect(await madeUp.issued).not.toBe('anon-browser-0001');
    expect(await forged.issued).not.toBe(key);

    const three = nextEvent(host, 'viewer-count', (p) => p.viewerCount === 3);
    for (const s of [tab, twin, madeUp, forged]) await ok(s.socket, 'join-stream', { streamId: stream.id });
    await three;

    // Five "viewers" from one address (each with a fresh key) add at most two.
    const five = nextEvent(host, 'viewer-count', (p) => p.viewerCount === 5);
    for (let i = 0; i < 5; i++) {
      const fake = await connectSocket(g.url, {}, from('198.51.102.9'));
      await ok(fake, 'join-stream', { streamId: stream.id });
    }
    await five;
    await sleep(200);
    const listed = await g.api<Stream>('GET', `/api/streams/${stream.id}`);
    expect(listed.body.viewerCount).toBe(5);
  });

  /** A raw polling handshake, as a browser page on `origin` would send it. */
  function pollingHandshake(origin: string | undefined): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request(`${g.url}/socket.io/?EIO=4&transport=polling`, {
        headers: origin ? { origin } : {},
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('refuses a browser Origin off the allowlist on both transports; no Origin and listed ones pass', async () => {
    const evil = { origin: 'https://evil.example' };
    expect(await refusalOf(connectSocket(g.url, {}, from('198.51.103.1', evil)))).toBeInstanceOf(Error);
    expect(await pollingHandshake(evil.origin)).toBe(403);

    await connectSocket(g.url, {}, from('198.51.103.2', { origin: 'https://app.example' }));
    await connectSocket(g.url, {}, from('198.51.103.3'));
    // The web app the server itself serves is same-origin.
    await connectSocket(g.url, {}, from('198.51.103.4', { origin: g.url }));
    expect(await pollingHandshake('https://app.example')).toBe(200);
    expect(await pollingHandshake(undefined)).toBe(200);
    expect(await pollingHandshake(g.url)).toBe(200);
  });
});
