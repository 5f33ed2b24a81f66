import type { AuthResponse, Stream } from '@airwave/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import {
  closeAllSockets,
  connectAnonymous,
  connectSocket,
  emitAck,
  nextEvent,
  ok,
} from '../test/test-socket.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ VIEWER_COUNT_INTERVAL_MS: '50', STREAMER_GRACE_SECONDS: '1' });
});
afterEach(closeAllSockets);
afterAll(() => s.close());

async function goLive(): Promise<{ streamer: AuthResponse; stream: Stream }> {
  const streamer = await s.register();
  const res = await s.api<Stream>('POST', '/api/streams', {
    token: streamer.accessToken,
    body: { title: 'Evening jam', category: 'music' },
  });
  expect(res.status).toBe(201);
  return { streamer, stream: res.body };
}

describe('join-stream and viewer counts', () => {
  it('answers with the stream, chat history and count; counts unique viewers, not sockets', async () => {
    const { streamer, stream } = await goLive();
    const host = await connectSocket(s.url, { token: streamer.accessToken });
    const hostJoin = await ok(host, 'join-stream', { streamId: stream.id });
    expect(hostJoin.you).toMatchObject({ isStreamer: true, canModerate: true, restriction: null });
    expect(hostJoin.viewerCount).toBe(0);

    const viewer = await s.register();
    const tabA = await connectSocket(s.url, { token: viewer.accessToken });
    const tabB = await connectSocket(s.url, { token: viewer.accessToken });
    const counted = nextEvent(host, 'viewer-count', (p) => p.viewerCount === 1);
    const join = await ok(tabA, 'join-stream', { streamId: stream.id });
    expect(join.stream.id).toBe(stream.id);
    expect(join.messages).toEqual([]);
    expect(join.you).toMatchObject({ isStreamer: false, canModerate: false });
    await ok(tabB, 'join-stream', { streamId: stream.id });
    await counted;

    // An anonymous browser keeps the key the server issued it, so its second tab is the same viewer.
    const first = await connectAnonymous(s.url);
    const anon = first.socket;
    const anonTab2 = (await connectAnonymous(s.url, await first.issued)).socket;
    const three = nextEvent(host, 'viewer-count', (p) => p.viewerCount === 2);
    await ok(anon, 'join-stream', { streamId: stream.id });
    await ok(anonTab2, 'join-stream', { streamId: stream.id });
    await three;

    const back = nextEvent(host, 'viewer-count', (p) => p.viewerCount === 1);
    await ok(anon, 'leave-stream', { streamId: stream.id });
    anonTab2.disconnect();
    await back;

    // A client that vanishes without saying goodbye drops out of the count.
    const gone = nextEvent(host, 'viewer-count', (p) => p.viewerCount === 0);
    tabA.disconnect();
    tabB.io.engine.close();
    await gone;

    const listed = await s.api<Stream>('GET', `/api/streams/${stream.id}`);
    expect(listed.body.peakViewers).toBe(2);
  });

  it('a viewer joining while chat flows misses no message: each is in its join answer or arrives live', async () => {
    const { streamer, stream } = await goLive();
    const host = await connectSocket(s.url, { token: streamer.accessToken });
    await ok(host, 'join-stream', { streamId: stream.id });
    const sent: number[] = [];
    let sending = true;
    const sender = (async () => {
      for (let i = 0; sending && i < 150; i++) {
        sent.push((await ok(host, 'send-message', { streamId: stream.id, text: `m${i}` })).message.id);
      }
    })();
    // Joins in a burst while the messages go out, so first joins share the room's reads.
    const viewers = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const { socket } = await connectAnonymous(s.url);
        const live = new Set<number>();
        socket.on('receive-message', (m) => live.add(m.id));
        const join = await ok(socket, 'join-stream', { streamId: stream.id });
        return { live, latest: join.messages.at(-1)?.id ?? 0 };
      }),
    );
    sending = false;
    await sender;
    const last = sent.at(-1) ?? 0;
    const deadline = Date.now() + 10_000;
    while (!viewers.every((v) => v.live.has(last)) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    for (const v of viewers) {
      expect(sent.filter((id) => id > v.latest && !v.live.has(id))).toEqual([]);
    }
  });

  it('refuses an ended or unknown stream and bad payloads', async () => {
    const { streamer, stream } = await goLive();
    await s.api('POST', `/api/streams/${stream.id}/end`, { token: streamer.accessToken });
    const viewer = await connectSocket(s.url);
    expect(await emitAck(viewer, 'join-stream', { streamId: stream.id })).toMatchObject({
      ok: false,
      error: { code: 'STREAM_NOT_LIVE' },
    });
    expect(
      await emitAck(viewer, 'join-stream', { streamId: '00000000-0000-4000-8000-000000000000' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await emitAck(viewer, 'join-stream', { streamId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await emitAck(viewer, 'join-stream', 'just a string')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(viewer.connected).toBe(true);
  });
});

describe('stream end and the streamer grace period', () => {
  it('tells the room when the streamer ends the stream', async () => {
    const { streamer, stream } = await goLive();
    const viewer = await connectSocket(s.url);
    await ok(viewer, 'join-stream', { streamId: stream.id });
    const ended = nextEvent(viewer, 'stream-ended');
    await s.api('POST', `/api/streams/${stream.id}/end`, { token: streamer.accessToken });
    expect(await ended).toEqual({ streamId: stream.id, reason: 'ended-by-streamer' });
  });

  it('keeps the stream live while the streamer reconnects within the grace period', async () => {
    const { streamer, stream } = await goLive();
    const viewer = await connectSocket(s.url);
    await ok(viewer, 'join-stream', { streamId: stream.id });
    const host = await connectSocket(s.url, { token: streamer.accessToken });
    await ok(host, 'join-stream', { streamId: stream.id });

    const offline = nextEvent(viewer, 'streamer-status', (p) => !p.online);
    host.disconnect();
    await offline;
    const online = nextEvent(viewer, 'streamer-status', (p) => p.online);
    const again = await connectSocket(s.url, { token: streamer.accessToken });
    await ok(again, 'join-stream', { streamId: stream.id });
    await online;
    await new Promise((r) => setTimeout(r, 1500));
    expect((await s.api<Stream>('GET', `/api/streams/${stream.id}`)).body.status).toBe('live');
  });

  it('ends the stream when the streamer stays away past the grace period', async () => {
    const { streamer, stream } = await goLive();
    const viewer = await connectSocket(s.url);
    await ok(viewer, 'join-stream', { streamId: stream.id });
    const host = await connectSocket(s.url, { token: streamer.accessToken });
    await ok(host, 'join-stream', { streamId: stream.id });
    const ended = nextEvent(viewer, 'stream-ended', () => true, 4000);
    host.disconnect();
    expect(await ended).toEqual({ streamId: stream.id, reason: 'streamer-disconnected' });
    const after = await s.api<Stream>('GET', `/api/streams/${stream.id}`);
    expect(after.body.status).toBe('ended');
    expect(after.body.endedAt).not.toBeNull();
  });
});

describe('connection-state recovery', () => {
  it('replays what a viewer missed during a short network drop and keeps them in the room', async () => {
    const { streamer, stream } = await goLive();
    const viewer = await connectSocket(s.url, {}, { reconnection: true });
    // Recovery resumes from the last room broadcast the client received, so wait for one.
    const counted = nextEvent(viewer, 'viewer-count');
    await ok(viewer, 'join-stream', { streamId: stream.id });
    await counted;

    const reconnected = new Promise<void>((resolve) => viewer.once('connect', () => resolve()));
    viewer.io.engine.close(); // the transport drops, as on a flaky network
    await s.api('PATCH', `/api/streams/${stream.id}`, {
      token: streamer.accessToken,
      body: { title: 'renamed while away' },
    });
    const updated = nextEvent(viewer, 'stream-updated', (x) => x.title === 'renamed while away');
    await reconnected;
    expect(viewer.recovered).toBe(true);
    await updated;

    // The recovered socket still knows what it joined: leaving really takes it out of the room.
    expect(await emitAck(viewer, 'leave-stream', { streamId: stream.id })).toEqual({ ok: true });
    const control = await connectSocket(s.url);
    await ok(control, 'join-stream', { streamId: stream.id });
    let leftViewerHeard = false;
    viewer.on('stream-ended', () => {
      leftViewerHeard = true;
    });
    const ended = nextEvent(control, 'stream-ended');
    await s.api('POST', `/api/streams/${stream.id}/end`, { token: streamer.accessToken });
    await ended;
    expect(leftViewerHeard).toBe(false);
  });
});

describe('orphaned live streams', () => {
  it('ends a stream whose streamer never connects (or whose grace timer died with a node)', async () => {
    const { stream } = await goLive();
    const viewer = await connectSocket(s.url);
    await ok(viewer, 'join-stream', { streamId: stream.id });
    // Grace is 1 s here: a sweep finds it after about a second, the grace period ends it a second later.
    const ended = nextEvent(viewer, 'stream-ended', () => true, 8000);
    expect(await ended).toEqual({ streamId: stream.id, reason: 'streamer-disconnected' });
    expect((await s.api<Stream>('GET', `/api/streams/${stream.id}`)).body.status).toBe('ended');
  });
});
