import { randomBytes } from 'node:crypto';
import { existsSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import path from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import type { AuthResponse, ChatMessage, GiftCatalog, Stream } from '@airwave/shared';
import { eq } from 'drizzle-orm';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gifts, users } from '../../backend/src/db/schema/index.ts';
import { redisAvailable } from '../../backend/src/test/redis-available.ts';
import { postgresAvailable } from '../../backend/src/test/test-database.ts';
import { grantCoins, ledgerMismatches } from '../../backend/src/test/test-money.ts';
import { emitAck, ok } from '../../backend/src/test/test-socket.ts';
import {
  CHROMIUM,
  launchBrowser,
  newUser,
  registerThroughUi,
  waitForDecodedVideo,
} from '../../e2e/harness.ts';
import {
  busyPorts,
  connectThrough,
  NGINX,
  type Stack,
  type StackSocket,
  say,
  startStack,
  waitFor,
} from './stack.ts';

// CI installs nginx, Chromium, PostgreSQL and Redis: there a missing one fails the run, never skips.
const ready =
  process.env.CI === 'true' ||
  (existsSync(NGINX) && existsSync(CHROMIUM) && (await redisAvailable()) && (await postgresAvailable()));

const PASSWORD = 'a long enough stack passphrase';

describe.runIf(ready)(
  'production stack: nginx (TLS) → PM2 (2 instances) → PostgreSQL + Redis',
  { timeout: 300_000 },
  () => {
    let stack: Stack;
    let gift: { id: string; costCoins: number };

    const register = async (name: string) => {
      const res = await stack.api<AuthResponse>('POST', '/api/auth/register', {
        email: `${name}@example.test`,
        password: PASSWORD,
        nickname: name,
      });
      expect(res.status).toBe(201);
      return res.body;
    };
    const goLive = async (streamer: AuthResponse, title: string) => {
      const res = await stack.api<Stream>(
        'POST',
        '/api/streams',
        { title, category: 'music' },
        streamer.accessToken,
      );
      expect(res.status).toBe(201);
      return res.body;
    };
    const db = () => {
      if (!stack.database) throw new Error('no database');
      return stack.database.db;
    };

    /**
     * The room's history from the first acked message on, as a reconnecting client reads it: a
     * fresh connection's join with `sinceMessageId`, page after page (each answer is capped; a
     * second join on the same socket answers from the room's cached recent chat instead).
     */
    const historyIds = async (reader: AuthResponse, streamId: string, acked: ChatMessage[]) => {
      const seen = new Set<number>();
      for (let since = Math.min(...acked.map((m) => m.id)) - 1; ; ) {
        const socket = await connectThrough(stack, { token: reader.accessToken });
        const page = await ok(socket, 'join-stream', { streamId, sinceMessageId: since }).finally(() =>
          socket.disconnect(),
        );
        if (page.messages.length === 0) return seen;
        for (const m of page.messages) seen.add(m.id);
        since = Math.max(...page.messages.map((m) => m.id));
      }
    };

    beforeAll(async () => {
      stack = await startStack();
      const catalog = await stack.api<GiftCatalog>('GET', '/api/gifts');
      const first = catalog.body.items[0];
      if (!first) throw new Error('empty gift catalog');
      gift = { id: first.id, costCoins: first.costCoins };
    }, 120_000);
    afterAll(async () => {
      await stack?.stop();
    });

    it('speaks TLS 1.2+/HTTP2 with HSTS, redirects plain HTTP, caches Next static files, answers ACME', async () => {
      const home = await stack.api<string>('GET', '/');
      expect(home.status).toBe(200);
      expect(home.headers['strict-transport-security']).toBe('max-age=63072000; includeSubDomains');
      const asset = /\/_next\/static\/[^"']+\.js/.exec(home.body)?.[0];
      expect(asset).toBeDefined();
      const js = await stack.api('GET', asset ?? '');
      expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');

      const redirect = await new Promise<{ status: number; location?: string }>((resolve, reject) => {
        httpRequest(`http://127.0.0.1:${stack.httpPort}/streams?x=1`, (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, location: res.headers.location });
        })
          .on('error', reject)
          .end();
      });
      expect(redirect).toEqual({ status: 301, location: 'https://127.0.0.1/streams?x=1' });

      // certbot's webroot challenge is served from disk over plain HTTP, not redirected.
      writeFileSync(path.join(stack.dir, 'acme/.well-known/acme-challenge/token-1'), 'token-1.key');
      const acme = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        httpRequest(`http://127.0.0.1:${stack.httpPort}/.well-known/acme-challenge/token-1`, (res) => {
          let body = '';
          res.on('data', (d) => {
            body += d;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        })
          .on('error', reject)
          .end();
      });
      expect(acme).toEqual({ status: 200, body: 'token-1.key' });

      // HTTP/2 by ALPN on TLS 1.3; TLS 1.1 is refused.
      const port = Number(new URL(stack.publicUrl).port);
      const tlsInfo = await new Promise<{ alpn: string | false | null; version: string | null }>(
        (resolve, reject) => {
          const socket = tlsConnect(
            { host: '127.0.0.1', port, ca: stack.ca, ALPNProtocols: ['h2', 'http/1.1'] },
            () => {
              resolve({ alpn: socket.alpnProtocol ?? null, version: socket.getProtocol() });
              socket.end();
            },
          ).on('error', reject);
        },
      );
      expect(tlsInfo).toEqual({ alpn: 'h2', version: 'TLSv1.3' });
      const old = await new Promise<string>((resolve) => {
        const socket = tlsConnect(
          { host: '127.0.0.1', port, ca: stack.ca, minVersion: 'TLSv1', maxVersion: 'TLSv1.1' },
          () => {
            socket.end();
            resolve('accepted');
          },
        ).on('error', () => resolve('refused'));
      });
      expect(old).toBe('refused');
      say(
        `checked: ${tlsInfo.version} with ALPN ${tlsInfo.alpn}, TLS 1.1 ${old}, ACME file served, HSTS on /, ${asset} cached immutable for a year, http → ${redirect.location}`,
      );
    });

    it('Chromium through https Nginx: a streamer goes live with a fake camera; a viewer decodes frames, chats, sends a gift', async () => {
      // The test's self-signed certificate.
      const browser: Browser = await launchBrowser(['--ignore-certificate-errors']);
      try {
        const streamer = await newUser(browser, stack.publicUrl);
        const viewer = await newUser(browser, stack.publicUrl);
        await registerThroughUi(streamer.page, 'nghost');
        await streamer.page.goto('/live');
        await waitForDecodedVideo(streamer.page, '[data-testid="preview"]');
        await streamer.page.getByLabel('Title').fill('Through nginx');
        await streamer.page.getByTestId('go-live').click();
        await streamer.page.getByTestId('live-timer').waitFor();

        const viewerName = await registerThroughUi(viewer.page, 'ngfan');
        const [row] = await db().select({ id: users.id }).from(users).where(eq(users.nickname, viewerName));
        if (!row) throw new Error('viewer not in the database');
        await grantCoins(db(), row.id, 50);
        await viewer.page.goto('/');
        await viewer.page.getByTestId('stream-card').filter({ hasText: 'Through nginx' }).click();
        await viewer.page.waitForURL(/\/streams\//);
        const size = await waitForDecodedVideo(viewer.page);
        expect(size.width).toBeGreaterThan(0);

        await viewer.page.getByLabel('Say something nice').fill('hello through nginx');
        await viewer.page.getByRole('button', { name: 'Send', exact: true }).click();
        await streamer.page.getByTestId('chat-message').filter({ hasText: 'hello through nginx' }).waitFor();

        await viewer.page.getByTestId('gift-rose').click();
        await viewer.page.getByTestId('send-gift').click();
        await streamer.page.getByTestId('gift-pop').filter({ hasText: 'Rose' }).waitFor();
        const secure = (await viewer.context.cookies()).find((c) => c.name === 'airwave_refresh_web');
        expect(secure?.secure).toBe(true);
        say(
          `checked: viewer decoded ${size.width}x${size.height} video through ${stack.publicUrl}, chat and a Rose reached the streamer`,
        );
      } finally {
        await browser.close();
      }
    });

    it('a Socket.IO client forced to long-polling works through Nginx (sticky: every poll reaches the same instance)', async () => {
      const host = await register(`poll_host_${randomBytes(3).toString('hex')}`);
      const stream = await goLive(host, 'Polling');
      const socket = await connectThrough(stack, { token: host.accessToken }, ['polling']);
      try {
        // Many round trips, each a separate HTTP request: one landing on the other instance would
        // answer "Session ID unknown" and drop the connection.
        const joined = await ok(socket, 'join-stream', { streamId: stream.id });
        expect(joined.you.isStreamer).toBe(true);
        for (let i = 0; i < 15; i++)
          await ok(socket, 'send-message', { streamId: stream.id, text: `poll ${i}` });
        expect(socket.io.engine.transport.name).toBe('polling');
        expect(socket.connected).toBe(true);
        say('checked: 16 acked events over long-polling through nginx on one session');
      } finally {
        socket.disconnect();
      }
    });

    it('kill -9 of the instance holding the clients during chat and gifts: they reconnect; no acked message or gift is lost or doubled; counts right within 5 s', async () => {
      const suffix = randomBytes(3).toString('hex');
      const host = await register(`kill_host_${suffix}`);
      const fan = await register(`kill_fan_${suffix}`);
      await grantCoins(db(), fan.user.id, 10_000);
      const stream = await goLive(host, 'Kill nine');

      const hostSocket = await connectThrough(stack, { token: host.accessToken });
      const fanSocket = await connectThrough(stack, { token: fan.accessToken });
      // A client re-joins its room after every reconnect, as the apps do.
      const rejoin = (s: StackSocket) =>
        s.io.on('reconnect', () => void emitAck(s, 'join-stream', { streamId: stream.id }));
      rejoin(hostSocket);
      rejoin(fanSocket);
      await ok(hostSocket, 'join-stream', { streamId: stream.id });
      await ok(fanSocket, 'join-stream', { streamId: stream.id });
      let hostCount = -1;
      hostSocket.on('viewer-count', (p) => {
        hostCount = p.viewerCount;
      });
      await waitFor(async () => hostCount === 1, 5000, 'viewer count 1 before the kill');

      const busy = await busyPorts(stack);
      const victimPort = [...busy.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
      const victim = (await stack.instances()).find((i) => i.port === victimPort);
      if (!victim) throw new Error(`no instance on port ${victimPort}`);

      const acked: ChatMessage[] = [];
      const giftKeys = new Set<string>();
      let chatFailures = 0;
      let stop = false;
      const chatLoop = (async () => {
        for (let i = 0; !stop; i++) {
          const res = await emitAck(fanSocket, 'send-message', {
            streamId: stream.id,
            text: `kill chat ${i}`,
          }).catch(() => null);
          if (res?.ok) acked.push(res.message);
          else chatFailures++;
          await new Promise((r) => setTimeout(r, res?.ok ? 100 : 300));
        }
      })();
      // A gift is retried with the same idempotency key until it is acked, as the apps do.
      const giftLoop = (async () => {
        while (!stop) {
          const key = `kill-${randomBytes(6).toString('hex')}`;
          for (;;) {
            const res = await emitAck(fanSocket, 'send-gift', {
              streamId: stream.id,
              giftId: gift.id,
              idempotencyKey: key,
            }).catch(() => null);
            if (res?.ok) break;
            await new Promise((r) => setTimeout(r, 300));
          }
          giftKeys.add(key);
          await new Promise((r) => setTimeout(r, 150));
        }
      })();

      await new Promise((r) => setTimeout(r, 1500));
      const reconnected = (socket: StackSocket) =>
        new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error('no reconnect within 5 s')), 5000);
          socket.io.once('reconnect', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      const killedAt = Date.now();
      process.kill(victim.pid, 'SIGKILL');
      say(
        `kill -9 pid ${victim.pid} (port ${victim.port}, holding ${busy.get(victim.port)} upstream connections)`,
      );
      await Promise.all([reconnected(hostSocket), reconnected(fanSocket)]);
      const reconnectedMs = Date.now() - killedAt;
      // The count must settle at 1 viewer (not 0, not a ghost 2) within 5 s of the kill.
      hostCount = -1;
      await waitFor(
        async () => hostCount === 1,
        5000 - (Date.now() - killedAt),
        'viewer count 1 after the kill',
      );
      const countMs = Date.now() - killedAt;
      await new Promise((r) => setTimeout(r, 1500));
      stop = true;
      await Promise.all([chatLoop, giftLoop]);

      // History: everything acked is there, once.
      const ids = await historyIds(host, stream.id, acked);
      expect(acked.filter((m) => !ids.has(m.id))).toEqual([]);

      const rows = await db()
        .select({ key: gifts.idempotencyKey, cost: gifts.cost })
        .from(gifts)
        .where(eq(gifts.senderId, fan.user.id));
      expect(new Set(rows.map((r) => r.key))).toEqual(giftKeys);
      expect(rows).toHaveLength(giftKeys.size);
      const [balance] = await db()
        .select({ coins: users.coins })
        .from(users)
        .where(eq(users.id, fan.user.id));
      expect(balance?.coins).toBe(10_000 - rows.reduce((s, r) => s + r.cost, 0));
      expect(await ledgerMismatches(db())).toEqual([]);
      await waitFor(
        async () => (await stack.instances()).every((i) => i.status === 'online'),
        30_000,
        'PM2 restarted the killed instance',
      );
      say(
        `checked: reconnected in ${reconnectedMs} ms, viewer count 1 again ${countMs} ms after the kill; ` +
          `${acked.length} acked messages all in history (${chatFailures} unacked during the cut); ` +
          `${giftKeys.size} gifts charged once each; ledger invariant holds; PM2 restarted the instance`,
      );
      for (const s of [hostSocket, fanSocket]) s.disconnect();
    });

    it('pm2 reload under 20 s of HTTP and socket load: zero failed requests, zero lost acked messages', async () => {
      const suffix = randomBytes(3).toString('hex');
      const host = await register(`reload_host_${suffix}`);
      const stream = await goLive(host, 'Reload');
      const talkers = await Promise.all(
        Array.from({ length: 4 }, async (_, i) => {
          const user = await register(`reload_fan${i}_${suffix}`);
          const socket = await connectThrough(stack, { token: user.accessToken });
          socket.io.on('reconnect', () => void emitAck(socket, 'join-stream', { streamId: stream.id }));
          await ok(socket, 'join-stream', { streamId: stream.id });
          return socket;
        }),
      );
      const before = await stack.instances();

      const until = Date.now() + 20_000;
      const http = { ok: 0, failed: [] as string[] };
      const acked: ChatMessage[] = [];
      let unacked = 0;
      const httpWorker = async () => {
        while (Date.now() < until) {
          const res = await stack
            .api('GET', `/api/streams/${stream.id}`)
            .catch((err: Error) => ({ status: 0, body: err.message }));
          if (res.status === 200) http.ok++;
          else
            http.failed.push(
              `${new Date().toISOString()} ${res.status} ${JSON.stringify(res.body).slice(0, 60)}`,
            );
        }
      };
      const chatWorker = async (socket: StackSocket, n: number) => {
        for (let i = 0; Date.now() < until; i++) {
          const res = await emitAck(socket, 'send-message', {
            streamId: stream.id,
            text: `reload ${n}.${i}`,
          }).catch(() => null);
          if (res?.ok) acked.push(res.message);
          else unacked++;
          await new Promise((r) => setTimeout(r, 200));
        }
      };
      const load = Promise.all([
        ...Array.from({ length: 8 }, httpWorker),
        ...talkers.map((s, n) => chatWorker(s, n)),
      ]);
      await new Promise((r) => setTimeout(r, 2000));
      const reloadStarted = Date.now();
      await stack.pm2('reload', 'airwave-api');
      const reloadMs = Date.now() - reloadStarted;
      say(`pm2 reload airwave-api took ${reloadMs} ms`);
      await load;

      const after = await stack.instances();
      expect(after.map((i) => i.pid).some((pid) => before.some((b) => b.pid === pid))).toBe(false);
      expect(http.failed).toEqual([]);
      const seen = await historyIds(host, stream.id, acked);
      expect(acked.filter((m) => !seen.has(m.id))).toEqual([]);
      say(
        `checked: ${http.ok} HTTP requests, 0 failed; ${acked.length} acked messages all in history ` +
          `(${unacked} refused or unanswered during the switch, never acked); every instance replaced`,
      );
      for (const s of talkers) s.disconnect();
    });
  },
);
