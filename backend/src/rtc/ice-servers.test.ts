import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { iceServerSource } from '@airwave/client';
import type { IceServer, IceServersResponse, Stream } from '@airwave/shared';
import wrtc from '@roamhq/wrtc';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { coturnAvailable, type PrivateCoturn, startPrivateCoturn } from '../test/private-services.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { closeAllSockets, connectSocket, emitAck, ok, type TestSocket } from '../test/test-socket.ts';

const TURN_SECRET = 'turn-shared-secret-for-tests';
const TURN_URLS = 'turn:turn.example.test:3478?transport=udp,turns:turn.example.test:5349';
const STUN = { urls: ['stun:stun.example.test:3478'] };
const withTurn = {
  TURN_URLS,
  TURN_SECRET,
  STUN_URLS: STUN.urls.join(','),
  // A "proxy" on loopback names the client address, so one test can be several addresses.
  TRUST_PROXY: 'loopback',
};

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer(withTurn);
});
afterEach(closeAllSockets);
afterAll(() => s?.close());

const code = async (p: Promise<unknown>) => ((await p) as { error?: { code: string } }).error?.code;
const turnOf = (res: IceServersResponse) => res.iceServers.find((x) => x.username !== undefined);

async function liveStream(server: TestServer) {
  const streamer = await server.register();
  const stream = (
    await server.api<Stream>('POST', '/api/streams', {
      token: streamer.accessToken,
      body: { title: 'turn', category: 'music' },
    })
  ).body;
  const host = await connectSocket(server.url, { token: streamer.accessToken });
  await ok(host, 'join-stream', { streamId: stream.id });
  return { stream, streamer, host };
}

async function joined(server: TestServer, streamId: string, from = '198.51.100.7', token?: string) {
  const socket = await connectSocket(server.url, { token }, { headers: { 'x-forwarded-for': from } });
  await ok(socket, 'join-stream', { streamId });
  return socket;
}

describe('who gets TURN credentials', () => {
  it('nobody over HTTP: GET /api/rtc/ice-servers answers STUN only, signed in or not', async () => {
    const user = await s.register();
    for (const token of [undefined, user.accessToken]) {
      const res = await s.api<IceServersResponse>('GET', '/api/rtc/ice-servers', { token });
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.body.iceServers).toEqual([STUN]);
    }
    expect((await s.api('GET', '/api/rtc/ice-servers?x=1')).status).toBe(400);
  });

  it('not a socket that never joined the stream, nor one whose stream has ended', async () => {
    const { stream, streamer, host } = await liveStream(s);
    const visitor = await connectSocket(s.url);
    expect(await code(emitAck(visitor, 'rtc-ice-servers', { streamId: stream.id }))).toBe('FORBIDDEN');
    // Joined another stream: still nothing for this one.
    const other = await liveStream(s);
    await ok(visitor, 'join-stream', { streamId: other.stream.id });
    expect(await code(emitAck(visitor, 'rtc-ice-servers', { streamId: stream.id }))).toBe('FORBIDDEN');

    const viewer = await joined(s, stream.id);
    await ok(viewer, 'rtc-ice-servers', { streamId: stream.id });
    await s.api('POST', `/api/streams/${stream.id}/end`, { token: streamer.accessToken, body: {} });
    for (const socket of [viewer, host]) {
      expect(await code(emitAck(socket, 'rtc-ice-servers', { streamId: stream.id }))).toBe('STREAM_NOT_LIVE');
    }
    expect(await code(emitAck(viewer, 'rtc-ice-servers', { streamId: 'nope' }))).toBe('VALIDATION_FAILED');
  });

  it('a socket in a live stream (viewer or streamer) gets STUN and a TURN credential for at most an hour', async () => {
    const { stream, streamer, host } = await liveStream(s);
    const anonymous = await joined(s, stream.id);
    const before = Math.floor(Date.now() / 1000);
    for (const [socket, who] of [
      [anonymous, `anon-${anonymous.id}`],
      [host, streamer.user.id],
    ] as const) {
      const res = await ok(socket, 'rtc-ice-servers', { streamId: stream.id });
      expect(res.ttlSeconds).toBe(3600);
      expect(res.iceServers[0]).toEqual(STUN);
      const turn = turnOf(res);
      expect(turn?.urls).toEqual(TURN_URLS.split(','));
      const [expiry, name] = String(turn?.username).split(':');
      expect(name).toBe(who);
      expect(Number(expiry) - before).toBeGreaterThanOrEqual(3599);
      expect(Number(expiry) - before).toBeLessThanOrEqual(3601);
      expect(turn?.credential).toBe(
        createHmac('sha1', TURN_SECRET).update(String(turn?.username)).digest('base64'),
      );
    }
  });

  it('RATE_LIMITED past TURN_CREDENTIALS_PER_IP_PER_HOUR from one address; other addresses still get theirs', async () => {
    const limited = await startTestServer({ ...withTurn, TURN_CREDENTIALS_PER_IP_PER_HOUR: '2' });
    try {
      const { stream } = await liveStream(limited);
      // Two sockets from the same address share its budget.
      const a = await joined(limited, stream.id, '203.0.113.9');
      const b = await joined(limited, stream.id, '203.0.113.9');
      await ok(a, 'rtc-ice-servers', { streamId: stream.id });
      await ok(b, 'rtc-ice-servers', { streamId: stream.id });
      const refused = (await emitAck(a, 'rtc-ice-servers', { streamId: stream.id })) as {
        ok: boolean;
        error?: { code: string; details?: { retryAfterSeconds?: number } };
      };
      expect(refused.error?.code).toBe('RATE_LIMITED');
      expect(refused.error?.details?.retryAfterSeconds).toBeGreaterThan(0);
      const elsewhere = await joined(limited, stream.id, '203.0.113.10');
      expect(turnOf(await ok(elsewhere, 'rtc-ice-servers', { streamId: stream.id }))).toBeDefined();
    } finally {
      await limited.close();
    }
  });

  it('without TURN configured, a joined socket gets STUN only and spends no TURN budget', async () => {
    const plain = await startTestServer({ STUN_URLS: '', TURN_CREDENTIALS_PER_IP_PER_HOUR: '1' });
    try {
      const { stream } = await liveStream(plain);
      const viewer = await joined(plain, stream.id);
      for (let i = 0; i < 3; i++) {
        expect(await ok(viewer, 'rtc-ice-servers', { streamId: stream.id })).toMatchObject({
          iceServers: [],
        });
      }
    } finally {
      await plain.close();
    }
  });
});

describe('the clients’ ICE server source (@airwave/client)', () => {
  it('asks after the join, keeps the answer while the credential has a while to live, then asks again', async () => {
    const short = await startTestServer({ ...withTurn, TURN_TTL_SECONDS: '60' });
    try {
      const { stream } = await liveStream(short);
      const socket = await connectSocket(short.url);
      let clock = 1_000_000;
      const asked: number[] = [];
      socket.onAnyOutgoing((event: string) => {
        if (event === 'rtc-ice-servers') asked.push(clock);
      });
      const ice = iceServerSource(socket, stream.id, () => clock);
      // Not joined yet: the refusal gives none and is not kept.
      expect(await ice.get()).toEqual([]);
      await ok(socket, 'join-stream', { streamId: stream.id });
      const [first, same] = await Promise.all([ice.get(), ice.get()]);
      expect(first.find((x) => x.username)).toBeDefined();
      expect(same).toBe(first);
      expect(asked).toHaveLength(2); // the refused one, and one for both peer connections
      clock += 29_000;
      expect(await ice.get()).toBe(first);
      // Past half of a 60 s credential's life, the next peer connection gets a fresh answer.
      clock += 2000;
      expect(await ice.get()).not.toBe(first);
      expect(asked).toHaveLength(3);
    } finally {
      await short.close();
    }
  });
});

// The part of @roamhq/wrtc's RTCPeerConnection used here (its typings lean on DOM globals).
interface GatheringPeer {
  onicecandidate: ((e: { candidate: { candidate: string } | null }) => void) | null;
  createDataChannel(label: string): unknown;
  createOffer(): Promise<{ type: 'offer'; sdp: string }>;
  setLocalDescription(d: { type: 'offer'; sdp: string }): Promise<void>;
  close(): void;
}
const { RTCPeerConnection } = wrtc as unknown as {
  RTCPeerConnection: new (config: { iceServers: IceServer[]; iceTransportPolicy: 'relay' }) => GatheringPeer;
};

/** The candidate types a relay-only peer gathers with these servers: "relay" only if coturn allocated. */
async function relayCandidates(iceServers: IceServer[]): Promise<string[]> {
  const pc = new RTCPeerConnection({ iceServers, iceTransportPolicy: 'relay' });
  const types: string[] = [];
  const done = new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 10_000);
    pc.onicecandidate = (e) => {
      if (!e.candidate) {
        clearTimeout(timer);
        resolve();
      } else types.push(/ typ (\w+)/.exec(e.candidate.candidate)?.[1] ?? '?');
    };
  });
  pc.createDataChannel('probe');
  await pc.setLocalDescription(await pc.createOffer());
  await done;
  pc.close();
  return types;
}

/**
 * coturn's own test client asks `server` for an allocation and a permission to send to `peer`;
 * resolves with what it printed. Only loopback and private peers are named: nothing leaves the machine.
 */
function askToRelay(port: number, username: string, credential: string, peer: string): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(
      'turnutils_uclient',
      [
        '-p',
        String(port),
        '-u',
        username,
        '-w',
        credential,
        '-e',
        peer,
        '-r',
        '9',
        '-n',
        '1',
        '-m',
        '1',
        '-c',
        '127.0.0.1',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d;
    });
    child.stderr.on('data', (d: Buffer) => {
      out += d;
    });
    // It keeps waiting for echoes that never come; what matters is printed within a second or two.
    const timer = setTimeout(() => child.kill('SIGKILL'), 4000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(out);
    });
  });
}

describe.runIf(coturnAvailable())('coturn', { timeout: 60_000 }, () => {
  let coturn: PrivateCoturn;
  beforeAll(async () => {
    coturn = await startPrivateCoturn(TURN_SECRET);
  });
  afterAll(() => coturn?.destroy());

  it('allocates a relay with the credential a joined viewer got, and refuses a forged one', async () => {
    const { stream } = await liveStream(s);
    const viewer: TestSocket = await joined(s, stream.id);
    const turn = turnOf(await ok(viewer, 'rtc-ice-servers', { streamId: stream.id }));
    if (!turn?.username || !turn.credential) throw new Error('no TURN credential');
    const at = { urls: [coturn.url], username: turn.username };
    expect(await relayCandidates([{ ...at, credential: turn.credential }])).toContain('relay');
    // The same name with a credential not signed by the shared secret gets no allocation.
    const forged = createHmac('sha1', 'another-secret').update(turn.username).digest('base64');
    expect(await relayCandidates([{ ...at, credential: forged }])).toEqual([]);
    // Nor does a well-signed credential whose expiry has passed.
    const stale = `${Math.floor(Date.now() / 1000) - 5}:someone`;
    const staleCredential = createHmac('sha1', TURN_SECRET).update(stale).digest('base64');
    expect(
      await relayCandidates([{ urls: [coturn.url], username: stale, credential: staleCredential }]),
    ).toEqual([]);
  });

  it('the production sample (deploy/coturn/turnserver.conf) refuses to relay to loopback and private addresses', async () => {
    const sample = fileURLToPath(new URL('../../../deploy/coturn/turnserver.conf', import.meta.url));
    const production = await startPrivateCoturn(TURN_SECRET, { config: sample });
    try {
      const username = `${Math.floor(Date.now() / 1000) + 600}:probe`;
      const credential = createHmac('sha1', TURN_SECRET).update(username).digest('base64');
      // 127.0.0.1 is where Redis, PostgreSQL and Janus's API listen; the rest is the private network.
      for (const peer of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', '169.254.169.254']) {
        expect(await askToRelay(production.port, username, credential, peer)).toContain('403 (Forbidden IP)');
      }
      // The test instance (--allow-loopback-peers) grants the same request: the refusal is the sample's.
      const allowed = await askToRelay(coturn.port, username, credential, '127.0.0.1');
      expect(allowed).not.toContain('403');
      expect(allowed).not.toMatch(/ERROR/);
    } finally {
      await production.destroy();
    }
  });
});
