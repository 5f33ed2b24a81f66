import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { closeAllSockets, connectSocket, emitAck } from '../test/test-socket.ts';

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
