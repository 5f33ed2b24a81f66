import type { AuthResponse, Stream } from '@airwave/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type PrivateService,
  privateServicesAvailable,
  startPrivatePostgres,
  startPrivateRedis,
} from '../test/private-services.ts';
import { startServer } from '../test/server-process.ts';
import {
  closeAllSockets,
  connectSocket,
  emitAck,
  nextEvent,
  ok,
  type TestSocket,
} from '../test/test-socket.ts';

/**
 * Fault test: two real server processes sharing a PostgreSQL and a Redis of the test's own; the
 * Redis is stopped and started under them. Prints what it did and what it saw.
 */
const say = (line: string) => console.log(`[redis fault] ${line}`);
type Node = Awaited<ReturnType<typeof startServer>>;

async function post(node: Node, path: string, body: unknown, token?: string, method = 'POST') {
  const started = Date.now();
  const res = await fetch(`${node.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const json = (await res.json()) as { error?: { code: string } };
  return { status: res.status, code: json.error?.code, json, ms: Date.now() - started };
}

/** Wrong-password logins at one (made-up) account from this test's address, as statuses. */
async function failedLogins(nodes: Node[], email: string) {
  const statuses: number[] = [];
  for (const node of nodes)
    statuses.push((await post(node, '/api/auth/login', { email, password: 'wrong guess' })).status);
  return statuses;
}

/** Whether a message sent on `from` reaches `to` within `ms`. */
async function crosses(from: TestSocket, to: TestSocket, streamId: string, text: string, ms: number) {
  const seen = nextEvent(to, 'receive-message', (m) => m.text === text, ms).then(
    () => true,
    () => false,
  );
  const ack = await emitAck(from, 'send-message', { streamId, text });
  return { acked: ack.ok, arrived: await seen };
}

describe.runIf(await privateServicesAvailable())(
  'Redis restarted under two nodes',
  { timeout: 60_000 },
  () => {
    let pg: PrivateService;
    let redis: PrivateService;
    let a: Node;
    let b: Node;

    beforeAll(async () => {
      [pg, redis] = await Promise.all([startPrivatePostgres(), startPrivateRedis()]);
      say(`started a private PostgreSQL on :${pg.port} and a private Redis on :${redis.port}`);
      const env = {
        DATABASE_URL: pg.url,
        REDIS_URL: redis.url,
        JWT_SECRET: 'a-shared-secret-for-the-redis-fault-test',
        DEMO_DATA: 'false',
        SERVE_WEB: 'false',
        VIEWER_COUNT_INTERVAL_MS: '100',
        CHAT_RATE_POINTS: '50',
        // Three tries per account and address, and no per-account delay, so the count is easy to read.
        LOGIN_LIMIT_PER_ACCOUNT_IP: '3',
        LOGIN_LIMIT_PER_ACCOUNT: '1000',
      };
      a = await startServer(env);
      b = await startServer(env); // after A, so the migrations run once
      say(`started node A at ${a.url} and node B at ${b.url}`);
    });
    afterAll(async () => {
      closeAllSockets();
      await Promise.all([a?.stop(), b?.stop()]);
      await Promise.all([redis?.destroy(), pg?.destroy()]);
    });

    it('chat across nodes and shared rate limits come back by themselves; meanwhile each node works alone', async () => {
      const streamer = (
        await post(a, '/api/auth/register', {
          email: 'redis_streamer@example.test',
          password: 'a long enough passphrase',
          nickname: 'redis_streamer',
        })
      ).json as unknown as AuthResponse;
      const viewer = (
        await post(b, '/api/auth/register', {
          email: 'redis_viewer@example.test',
          password: 'a long enough passphrase',
          nickname: 'redis_viewer',
        })
      ).json as unknown as AuthResponse;
      const stream = (
        await post(a, '/api/streams', { title: 'Redis outage', category: 'music' }, streamer.accessToken)
      ).json as unknown as Stream;
      const host = await connectSocket(a.url, { token: streamer.accessToken });
      await ok(host, 'join-stream', { streamId: stream.id });
      const onB = await connectSocket(b.url, { token: viewer.accessToken });
      await ok(onB, 'join-stream', { streamId: stream.id });
      const onA = await connectSocket(a.url);
      await ok(onA, 'join-stream', { streamId: stream.id });
      expect(await crosses(host, onB, stream.id, 'before', 3000)).toEqual({ acked: true, arrived: true });
      say('streamer and an anonymous viewer on A, a viewer on B: a message from A reaches B');
      expect(await failedLogins([a, a, b, a], 'shared@example.test')).toEqual([401, 401, 401, 429]);
      say('3 wrong logins at one account spread over A and B, the 4th is refused: one budget for both nodes');

      await redis.stop();
      const outageStart = { a: a.out().length, b: b.out().length };
      const stderrStart = { a: a.errOut().length, b: b.errOut().length };
      say('stopped Redis');
      await new Promise((r) => setTimeout(r, 300));

      const sent = Date.now();
      const local = nextEvent(onA, 'receive-message', (m) => m.text === 'during').then(
        () => Date.now() - sent,
      );
      const during = await crosses(host, onB, stream.id, 'during', 2000);
      const localMs = await local;
      say(
        `during the outage: chat acked=${during.acked}; the viewer on the same node got it in ${localMs} ms; ` +
          `the viewer on B got it=${during.arrived} (cross-node broadcasts are lost while Redis is away)`,
      );
      expect(during.acked).toBe(true);
      expect(localMs).toBeLessThan(1000);

      const t0 = Date.now();
      const perNode = await failedLogins([a, a, a, a, b], 'alone@example.test');
      say(
        `wrong logins A,A,A,A,B during the outage -> ${perNode.join(',')} in ${Date.now() - t0} ms: each node limits on its own (insurance limiter)`,
      );
      expect(perNode).toEqual([401, 401, 401, 429, 401]);

      const fresh = await connectSocket(b.url);
      const eventStarted = Date.now();
      await ok(fresh, 'join-stream', { streamId: stream.id });
      const eventMs = Date.now() - eventStarted;
      say(`a new socket connects to B and joins in ${eventMs} ms (its budget checks fall back at once)`);
      expect(eventMs).toBeLessThan(1000);
      // A nickname change tells every node through serverSideEmit: a PUBLISH nobody awaits.
      const renamed = await post(
        b,
        '/api/users/me',
        { nickname: 'renamed_viewer' },
        viewer.accessToken,
        'PATCH',
      );
      say(
        `PATCH /api/users/me on B (tells the other nodes through the adapter) -> ${renamed.status} in ${renamed.ms} ms`,
      );
      expect(renamed.status).toBe(200);
      // A join makes both nodes recount viewers through the adapter (fetchSockets, a PUBLISH nobody
      // awaits); a leave does again. Neither may take a node down.
      onA.disconnect();
      const count = await nextEvent(host, 'viewer-count', () => true, 7000).then(
        (p) => `${p.viewerCount} (from node A's sockets only)`,
        () => 'none within 7 s',
      );
      say(`viewer count the streamer saw after a leave during the outage: ${count}`);

      for (const [name, node, from] of [
        ['A', a, outageStart.a],
        ['B', b, outageStart.b],
      ] as const) {
        const lines = node.out().slice(from).split('\n').filter(Boolean);
        const errors = lines
          .filter((l) => /"level":(50|60)/.test(l))
          .map((l) => (JSON.parse(l) as { msg: string }).msg);
        const said = new Set(lines.map((l) => (JSON.parse(l) as { msg: string }).msg));
        say(
          `node ${name}: ${lines.length} log lines over the outage, ${errors.length} at error level: ${[...said].join(' | ')}`,
        );
        expect(errors).toEqual([]);
        expect(lines.length).toBeLessThan(40);
      }
      const stderr = a.errOut().slice(stderrStart.a) + b.errOut().slice(stderrStart.b);
      say(`stderr of both nodes during the outage: ${stderr.length} bytes`);
      expect(stderr).toBe('');

      await redis.start();
      say('started Redis again (empty: no persistence)');
      const back = Date.now();
      let n = 0;
      let crossed = { acked: false, arrived: false };
      while (!crossed.arrived && Date.now() - back < 20_000) {
        crossed = await crosses(host, onB, stream.id, `after ${++n}`, 500);
      }
      const recoveredMs = Date.now() - back;
      say(`a message from A reached B again ${recoveredMs} ms after Redis was back (${n} tries)`);
      expect(crossed.arrived).toBe(true);
      const reply = nextEvent(host, 'receive-message', (m) => m.text === 'B to A after');
      await ok(onB, 'send-message', { streamId: stream.id, text: 'B to A after' });
      await reply;
      expect(await failedLogins([a, b, a, b], 'after@example.test')).toEqual([401, 401, 401, 429]);
      say('B to A works too, and login limits are shared across nodes again');

      for (const [name, node] of [
        ['A', a],
        ['B', b],
      ] as const) {
        expect(node.child.exitCode).toBeNull();
        expect(node.child.signalCode).toBeNull();
        say(`node ${name} never exited`);
      }
    });
  },
);
