import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { grantCoins } from '../../test/test-money.ts';
import { startTestServer, type TestServer } from '../../test/test-server.ts';

/**
 * A client that is not ours: Engine.IO v4 / Socket.IO v5 spoken by hand over a bare WebSocket,
 * written from what /api/docs/realtime says and nothing else (no socket.io-client, no contract
 * types). If the page leaves out a step a client needs, these tests are where it shows.
 */
type Frame = { event: string; payload: unknown; offset: string | undefined };
type Json = Record<string, unknown>;

class BareClient {
  /** Every server event in arrival order, with the offset a room broadcast carries. */
  readonly events: Frame[] = [];
  /** The latest offset received ("store the latest offset you received"). */
  offset: string | undefined;
  private nextAck = 0;
  private readonly acks = new Map<number, (answer: Json) => void>();
  private readonly waiters: Array<() => void> = [];

  private constructor(
    private readonly ws: WebSocket,
    readonly sid: string,
    readonly pid: string,
  ) {}

  /** Opens the WebSocket, answers pings, sends CONNECT with `auth`; resolves with the CONNECT answer. */
  static connect(baseUrl: string, auth: Json): Promise<BareClient> {
    const ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
    const early: Frame[] = [];
    let client: BareClient | undefined;
    return new Promise((resolve, reject) => {
      ws.on('error', reject);
      ws.on('close', () => reject(new Error('closed before CONNECT was answered')));
      ws.on('message', (data) => {
        const text = String(data);
        if (text.startsWith('0')) ws.send(`40${JSON.stringify(auth)}`);
        else if (text === '2') ws.send('3');
        else if (text.startsWith('40')) {
          const { sid, pid } = JSON.parse(text.slice(2)) as { sid: string; pid: string };
          client = new BareClient(ws, sid, pid);
          // "Missed events may arrive before the CONNECT answer: hold them and handle them once it comes."
          for (const frame of early) client.take(frame);
          resolve(client);
        } else if (text.startsWith('44')) {
          reject(Object.assign(new Error('refused'), { data: (JSON.parse(text.slice(2)) as Json).data }));
        } else if (text.startsWith('42')) {
          const [event, payload, offset] = JSON.parse(text.slice(2)) as [string, unknown, unknown];
          const frame = { event, payload, offset: typeof offset === 'string' ? offset : undefined };
          if (client) client.take(frame);
          else early.push(frame);
        } else if (text.startsWith('43')) {
          const match = /^43(\d+)(.*)$/s.exec(text);
          if (!match) throw new Error(`bad ack frame ${text}`);
          const [answer] = JSON.parse(match[2] ?? '[]') as [Json];
          client?.acks.get(Number(match[1]))?.(answer);
        }
      });
    });
  }

  private take(frame: Frame) {
    this.events.push(frame);
    if (frame.offset) this.offset = frame.offset;
    for (const wake of this.waiters.splice(0)) wake();
  }

  /** Sends `42<id>["event",payload]` and resolves with the answer of `43<id>[answer]`. */
  emit(event: string, payload: unknown): Promise<Json> {
    const id = this.nextAck++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no ack for ${event}`)), 5000);
      this.acks.set(id, (answer) => {
        clearTimeout(timer);
        this.acks.delete(id);
        resolve(answer);
      });
      this.ws.send(`42${id}${JSON.stringify([event, payload])}`);
    });
  }

  /** The first event named `event` (already received or still to come) that `match` accepts. */
  async next(event: string, match: (payload: Json) => boolean = () => true): Promise<Frame> {
    const deadline = Date.now() + 5000;
    for (;;) {
      const found = this.events.find((f) => f.event === event && match(f.payload as Json));
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`no ${event} arrived`);
      await new Promise<void>((wake) => {
        this.waiters.push(wake);
        setTimeout(wake, 100);
      });
    }
  }

  /** Drops the connection with no goodbye, as a phone losing its network does. */
  cut() {
    this.ws.terminate();
  }

  close() {
    this.ws.close();
  }
}

let s: TestServer;
let streamId: string;
let streamer: BareClient;
const clients: BareClient[] = [];
const track = (c: BareClient) => {
  clients.push(c);
  return c;
};

async function login() {
  const account = await s.register();
  const res = await s.api<{ accessToken: string }>('POST', '/api/auth/login', {
    body: { email: account.user.email, password: account.password },
  });
  expect(res.status).toBe(200);
  return { userId: account.user.id, token: res.body.accessToken };
}

/** Waits until the server has seen a cut connection go, so what follows happens while it is away. */
async function goneFromServer(sid: string) {
  while (s.io.of('/').sockets.has(sid)) await new Promise((r) => setTimeout(r, 20));
}

beforeAll(async () => {
  s = await startTestServer();
  const owner = await login();
  const created = await s.api<{ id: string }>('POST', '/api/streams', {
    token: owner.token,
    body: { title: 'bare client', category: 'music' },
  });
  streamId = created.body.id;
  streamer = track(await BareClient.connect(s.url, { token: owner.token }));
  expect(await streamer.emit('join-stream', { streamId })).toMatchObject({ ok: true });
});
afterAll(async () => {
  for (const c of clients) c.close();
  await s?.close();
});

describe('an independent Socket.IO client, following the docs page alone', () => {
  it('connects anonymously, keeps the viewer key it is given, joins and reads the chat', async () => {
    const viewer = track(await BareClient.connect(s.url, {}));
    const key = (await viewer.next('viewer-key')).payload as { viewerKey: string };
    const joined = await viewer.emit('join-stream', { streamId });
    expect(joined).toMatchObject({
      ok: true,
      stream: { id: streamId, status: 'live' },
      you: { isStreamer: false },
    });

    await streamer.emit('send-message', { streamId, text: 'hello, anonymous' });
    const heard = await viewer.next('receive-message');
    expect(heard.payload).toMatchObject({ text: 'hello, anonymous' });
    expect(heard.offset, 'a room broadcast carries the recovery offset').toEqual(expect.any(String));
    expect(await viewer.emit('send-message', { streamId, text: 'me too' })).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });

    // Presented again, the key is taken: no new one is issued.
    const again = track(await BareClient.connect(s.url, { viewerKey: key.viewerKey }));
    expect(await again.emit('whoami', {})).toEqual({ ok: true, user: null });
    expect(again.events.some((f) => f.event === 'viewer-key')).toBe(false);
  });

  it('signs in with the REST token, chats and sends a gift once however often it retries', async () => {
    const me = await login();
    await grantCoins(s.db, me.userId, 50);
    const viewer = track(await BareClient.connect(s.url, { token: me.token }));
    expect(await viewer.emit('join-stream', { streamId })).toMatchObject({ ok: true });

    const sent = await viewer.emit('send-message', { streamId, text: 'hi from a bare socket' });
    expect(sent).toMatchObject({ ok: true, message: { text: 'hi from a bare socket' } });
    await streamer.next('receive-message', (m) => m.text === 'hi from a bare socket');

    const catalog = (await s.api<{ items: Array<{ id: string; costCoins: number }> }>('GET', '/api/gifts'))
      .body;
    const cheapest = [...catalog.items].sort((a, b) => a.costCoins - b.costCoins)[0];
    if (!cheapest) throw new Error('empty gift catalog');
    const gift = { streamId, giftId: cheapest.id, count: 1, idempotencyKey: randomUUID() };
    const first = await viewer.emit('send-gift', gift);
    expect(first).toMatchObject({ ok: true, coins: 50 - cheapest.costCoins });
    const seen = await streamer.next('receive-gift', (g) => g.id === (first.gift as Json).id);
    expect(seen.offset).toEqual(expect.any(String));
    // A retry (the ack was lost, say) with the same key moves nothing and answers with the same gift.
    expect(await viewer.emit('send-gift', gift)).toEqual(first);
    expect(await viewer.emit('send-gift', { ...gift, count: 2 })).toMatchObject({
      ok: false,
      error: { code: 'IDEMPOTENCY_CONFLICT' },
    });
  });

  it('recovers after an abrupt disconnect with pid + offset: same session, missed messages, rooms kept', async () => {
    const me = await login();
    const viewer = track(await BareClient.connect(s.url, { token: me.token }));
    expect(await viewer.emit('join-stream', { streamId })).toMatchObject({ ok: true });
    await streamer.emit('send-message', { streamId, text: 'before the tunnel' });
    await viewer.next('receive-message', (m) => m.text === 'before the tunnel');

    viewer.cut();
    await goneFromServer(viewer.sid);
    await streamer.emit('send-message', { streamId, text: 'missed 1' });
    await streamer.emit('send-message', { streamId, text: 'missed 2' });

    const back = track(
      await BareClient.connect(s.url, { token: me.token, pid: viewer.pid, offset: viewer.offset }),
    );
    expect({ pid: back.pid, sid: back.sid }, 'recovered: the same pid and sid').toEqual({
      pid: viewer.pid,
      sid: viewer.sid,
    });
    const missed = [await back.next('receive-message', (m) => m.text === 'missed 1')];
    missed.push(await back.next('receive-message', (m) => m.text === 'missed 2'));
    expect(
      back.events.filter((f) => f.event === 'receive-message').map((f) => (f.payload as Json).text),
    ).toEqual(['missed 1', 'missed 2']);
    expect(missed.every((f) => typeof f.offset === 'string')).toBe(true);
    // Still in the room without re-joining: it may chat, and it hears the room.
    expect(await back.emit('send-message', { streamId, text: 'back again' })).toMatchObject({ ok: true });
    await streamer.emit('send-message', { streamId, text: 'welcome back' });
    await back.next('receive-message', (m) => m.text === 'welcome back');
  });

  it('when recovery is not possible, re-joins with sinceMessageId and gets exactly what it missed', async () => {
    const me = await login();
    const viewer = track(await BareClient.connect(s.url, { token: me.token }));
    const joined = await viewer.emit('join-stream', { streamId });
    const history = joined.messages as Array<{ id: number }>;
    await streamer.emit('send-message', { streamId, text: 'last one seen' });
    const lastSeen = (await viewer.next('receive-message', (m) => m.text === 'last one seen')).payload as {
      id: number;
    };
    expect(lastSeen.id).toBeGreaterThan(history.at(-1)?.id ?? 0);

    viewer.cut();
    await goneFromServer(viewer.sid);
    await streamer.emit('send-message', { streamId, text: 'while away 1' });
    await streamer.emit('send-message', { streamId, text: 'while away 2' });

    // An offset the server no longer has (too old): the answer carries a new pid, so the state is gone.
    const fresh = track(
      await BareClient.connect(s.url, { token: me.token, pid: viewer.pid, offset: 'an-offset-too-old' }),
    );
    expect(fresh.pid).not.toBe(viewer.pid);
    expect(fresh.events.filter((f) => f.event === 'receive-message')).toEqual([]);
    expect(await fresh.emit('send-message', { streamId, text: 'am I in?' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });

    const rejoined = await fresh.emit('join-stream', { streamId, sinceMessageId: lastSeen.id });
    expect(rejoined).toMatchObject({ ok: true });
    expect((rejoined.messages as Array<{ text: string }>).map((m) => m.text)).toEqual([
      'while away 1',
      'while away 2',
    ]);
  });
});
