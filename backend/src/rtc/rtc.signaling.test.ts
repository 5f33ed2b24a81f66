import type { AuthResponse, IceServersResponse, Stream } from '@airwave/shared';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import {
  closeAllSockets,
  connectSocket,
  emitAck,
  nextEvent,
  ok,
  type TestSocket,
} from '../test/test-socket.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({ P2P_MAX_VIEWERS: '2', P2P_UPLINK_KBPS: '3000' });
});
afterEach(closeAllSockets);
afterAll(() => s.close());

const offer = { description: { type: 'offer' as const, sdp: 'v=0 fake offer' } };
const answer = { description: { type: 'answer' as const, sdp: 'v=0 fake answer' } };
const code = async (p: Promise<unknown>) => ((await p) as { error?: { code: string } }).error?.code;

async function live(): Promise<{ stream: Stream; streamer: AuthResponse; host: TestSocket }> {
  const streamer = await s.register();
  const stream = (
    await s.api<Stream>('POST', '/api/streams', {
      token: streamer.accessToken,
      body: { title: 'rtc', category: 'music' },
    })
  ).body;
  const host = await connectSocket(s.url, { token: streamer.accessToken });
  await ok(host, 'join-stream', { streamId: stream.id });
  return { stream, streamer, host };
}

async function viewerOf(streamId: string) {
  const socket = await connectSocket(s.url);
  await ok(socket, 'join-stream', { streamId });
  return socket;
}

describe('P2P signaling relay', () => {
  it('relays offer and answer between the streamer and exactly one viewer', async () => {
    const { stream, host } = await live();
    const a = await viewerOf(stream.id);
    const b = await viewerOf(stream.id);
    const joined = nextEvent(host, 'rtc-viewer-joined');
    const { peerId } = await ok(a, 'rtc-request', { streamId: stream.id });
    expect(await joined).toEqual({ streamId: stream.id, peerId });

    const bHeard = nextEvent(b, 'rtc-signal', () => true, 500).then(
      () => 'leaked',
      () => 'quiet',
    );
    const toA = nextEvent(a, 'rtc-signal');
    await ok(host, 'rtc-signal', { streamId: stream.id, peerId, signal: offer });
    expect(await toA).toEqual({ streamId: stream.id, peerId: 'streamer', signal: offer });
    expect(await bHeard).toBe('quiet');

    const toHost = nextEvent(host, 'rtc-signal');
    await ok(a, 'rtc-signal', { streamId: stream.id, peerId: 'streamer', signal: answer });
    expect(await toHost).toEqual({ streamId: stream.id, peerId, signal: answer });
  });

  it('never lets a viewer signal another viewer, or signal before asking for media', async () => {
    const { stream } = await live();
    const a = await viewerOf(stream.id);
    const b = await viewerOf(stream.id);
    const { peerId: bId } = await ok(b, 'rtc-request', { streamId: stream.id });
    expect(
      await code(emitAck(a, 'rtc-signal', { streamId: stream.id, peerId: 'streamer', signal: answer })),
    ).toBe('FORBIDDEN');
    await ok(a, 'rtc-request', { streamId: stream.id });
    expect(await code(emitAck(a, 'rtc-signal', { streamId: stream.id, peerId: bId, signal: offer }))).toBe(
      'FORBIDDEN',
    );
  });

  it('a viewer who is not the owner cannot act as the streamer, even signed in', async () => {
    const { stream } = await live();
    const pretender = await s.register();
    const socket = await connectSocket(s.url, { token: pretender.accessToken });
    const join = await ok(socket, 'join-stream', { streamId: stream.id });
    expect(join.you.isStreamer).toBe(false);
    const victim = await viewerOf(stream.id);
    const { peerId } = await ok(victim, 'rtc-request', { streamId: stream.id });
    expect(await code(emitAck(socket, 'rtc-signal', { streamId: stream.id, peerId, signal: offer }))).toBe(
      'FORBIDDEN',
    );
  });

  it('caps viewers with STREAM_FULL and frees the place when one leaves; the streamer is told', async () => {
    const { stream, host } = await live();
    const a = await viewerOf(stream.id);
    const b = await viewerOf(stream.id);
    const c = await viewerOf(stream.id);
    const { peerId: aId } = await ok(a, 'rtc-request', { streamId: stream.id });
    await ok(b, 'rtc-request', { streamId: stream.id });
    const full = await emitAck(c, 'rtc-request', { streamId: stream.id });
    expect(full).toMatchObject({ ok: false, error: { code: 'STREAM_FULL', details: { maxViewers: 2 } } });
    // Asking again while holding a place is not a second place.
    await ok(b, 'rtc-request', { streamId: stream.id });

    const left = nextEvent(host, 'rtc-viewer-left');
    a.disconnect();
    expect(await left).toEqual({ streamId: stream.id, peerId: aId });
    await ok(c, 'rtc-request', { streamId: stream.id });

    const { peerId: cId } = { peerId: c.id };
    const cLeft = nextEvent(host, 'rtc-viewer-left');
    await ok(c, 'leave-stream', { streamId: stream.id });
    expect(await cLeft).toEqual({ streamId: stream.id, peerId: cId });
  });

  it('refuses media outside the room, for the streamer itself, and with bad payloads', async () => {
    const { stream, host } = await live();
    const outsider = await connectSocket(s.url);
    expect(await code(emitAck(outsider, 'rtc-request', { streamId: stream.id }))).toBe('FORBIDDEN');
    expect(await code(emitAck(host, 'rtc-request', { streamId: stream.id }))).toBe('FORBIDDEN');
    for (const bad of [
      { streamId: stream.id, peerId: 'streamer', signal: { description: { type: 'pranswer', sdp: 'x' } } },
      { streamId: stream.id, peerId: 'streamer', signal: { candidate: { candidate: 'x'.repeat(3000) } } },
      { streamId: stream.id, peerId: '', signal: offer },
      { streamId: stream.id, peerId: 'streamer' },
    ]) {
      expect(await code(emitAck(host, 'rtc-signal', bad))).toBe('VALIDATION_FAILED');
    }
  });
});

describe('the P2P upload budget', () => {
  it('hands the streamer its P2P upload budget (P2P_UPLINK_KBPS), which its app spreads over the viewers', async () => {
    const res = await s.api<IceServersResponse>('GET', '/api/rtc/ice-servers');
    expect(res.body.p2pUplinkKbps).toBe(3000);
  });
});
