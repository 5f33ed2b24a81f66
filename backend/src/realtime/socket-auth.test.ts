import type { AuthResponse } from '@airwave/shared';
import { decodeJwt, SignJWT } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../test/test-server.ts';
import { closeAllSockets, connectSocket, emitAck, nextEvent, ok } from '../test/test-socket.ts';

let s: TestServer;
let account: AuthResponse;
beforeAll(async () => {
  s = await startTestServer();
  account = await s.register();
});
afterEach(closeAllSockets);
afterAll(() => s.close());

const key = new TextEncoder().encode(TEST_JWT_SECRET);

/** A token for the registered account with its real session, changed by `edit`. */
async function forged(edit: (jwt: SignJWT) => SignJWT, alg = 'HS256') {
  const { sid, sub } = decodeJwt(account.accessToken);
  return edit(
    new SignJWT({ sid, role: 'user' })
      .setProtectedHeader({ alg })
      .setSubject(String(sub))
      .setIssuer('airwave')
      .setAudience('airwave-api')
      .setIssuedAt(),
  ).sign(key);
}

async function refusal(auth: Record<string, unknown>): Promise<{ code: string }> {
  const err = await connectSocket(s.url, auth as { token?: string }).then(
    () => {
      throw new Error('the connection was accepted');
    },
    (e: Error & { data?: { code: string } }) => e,
  );
  if (!err.data) throw err;
  return err.data;
}

describe('socket handshake', () => {
  it('accepts a valid access token and knows the user', async () => {
    const socket = await connectSocket(s.url, { token: account.accessToken });
    const res = await ok(socket, 'whoami', {});
    expect(res.user).toEqual({ id: account.user.id, role: 'user', nickname: account.user.nickname });
  });

  it('lets an anonymous viewer in read-only', async () => {
    const socket = await connectSocket(s.url);
    expect((await ok(socket, 'whoami', {})).user).toBeNull();
  });

  it('refuses an expired token with TOKEN_EXPIRED, so the client refreshes', async () => {
    const token = await forged((j) => j.setIssuedAt(1_700_000_000).setExpirationTime(1_700_000_900));
    expect(await refusal({ token })).toMatchObject({ code: 'TOKEN_EXPIRED' });
  });

  it('refuses a tampered token, alg none, a wrong audience and a non-string token', async () => {
    const [h, p, sig] = account.accessToken.split('.');
    const flipped = `${h}.${p}.${sig?.startsWith('A') ? 'B' : 'A'}${sig?.slice(1)}`;
    expect(await refusal({ token: flipped })).toMatchObject({ code: 'UNAUTHENTICATED' });

    const claims = Buffer.from(JSON.stringify({ ...decodeJwt(account.accessToken), role: 'admin' })).toString(
      'base64url',
    );
    const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${claims}.`;
    expect(await refusal({ token: none })).toMatchObject({ code: 'UNAUTHENTICATED' });

    const otherAudience = await forged((j) => j.setAudience('someone-else').setExpirationTime('5m'));
    expect(await refusal({ token: otherAudience })).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await refusal({ token: 42 })).toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('answers a bad payload with a negative ack and keeps the socket', async () => {
    const socket = await connectSocket(s.url, { token: account.accessToken });
    expect(await emitAck(socket, 'whoami', { extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(await emitAck(socket, 'whoami', 'hello')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    expect(socket.connected).toBe(true);
  });
});

describe('revocation reaches open sockets', () => {
  it('logout closes the sockets of that session', async () => {
    const user = await s.register();
    const socket = await connectSocket(s.url, { token: user.accessToken });
    const revoked = nextEvent(socket, 'session-revoked');
    const gone = new Promise((resolve) => socket.once('disconnect', resolve));
    await s.api('POST', '/api/auth/logout', { token: user.accessToken });
    expect(await revoked).toEqual({ reason: 'logout' });
    await gone;
  });

  it('a ban closes every socket of the user at once, and the token no longer connects', async () => {
    const admin = await s.registerWithRole('admin');
    const user = await s.register();
    const socket = await connectSocket(s.url, { token: user.accessToken });
    const revoked = nextEvent(socket, 'session-revoked');
    const gone = new Promise((resolve) => socket.once('disconnect', resolve));
    await s.api('POST', `/api/admin/users/${user.user.id}/ban`, {
      token: admin.accessToken,
      body: { reason: 'spam in chat' },
    });
    expect(await revoked).toEqual({ reason: 'banned' });
    await gone;
    expect(['UNAUTHENTICATED', 'ACCOUNT_BANNED']).toContain(
      (await refusal({ token: user.accessToken })).code,
    );
  });
});
