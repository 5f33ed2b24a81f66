import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { createPasswordHasher } from './passwords.ts';
import { createAccessTokens, hashRefreshToken, newRefreshToken } from './tokens.ts';

const settings = {
  jwtSecret: 'unit-test-secret-0123456789-abcdefghij',
  issuer: 'airwave',
  audience: 'airwave-api',
  accessTtlSeconds: 900,
};
const key = new TextEncoder().encode(settings.jwtSecret);
const claims = {
  userId: '7d9f3c1e-0000-4000-8000-000000000001',
  sessionId: '7d9f3c1e-0000-4000-8000-000000000002',
  role: 'user' as const,
};

describe('passwords', () => {
  it('hashes at the configured cost; the default cost is 12', async () => {
    expect(
      loadConfig({ DATA_DIR: '/tmp/airwave-unit', JWT_SECRET: settings.jwtSecret }).auth.bcryptCost,
    ).toBe(12);
    const hasher = createPasswordHasher(12);
    const hash = await hasher.hash('correct horse battery');
    expect(hash.startsWith('$2b$12$')).toBe(true);
    expect(await hasher.verify('correct horse battery', hash)).toBe(true);
    expect(await hasher.verify('correct horse batterY', hash)).toBe(false);
    expect(await hasher.verify('anything at all', undefined)).toBe(false);
  });
});

describe('access tokens', () => {
  const tokens = createAccessTokens(settings);

  it('round-trips the claims and expires after the configured time', async () => {
    const { token, expiresAt } = await tokens.sign(claims);
    expect(await tokens.verify(token)).toMatchObject({ userId: claims.userId, sessionId: claims.sessionId });
    expect(expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(900_000);
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(890_000);
  });

  const forge = (alg: string, mutate: (j: SignJWT) => SignJWT = (j) => j) =>
    mutate(
      new SignJWT({ sid: claims.sessionId, role: 'admin' })
        .setProtectedHeader({ alg })
        .setSubject(claims.userId)
        .setIssuer('airwave')
        .setAudience('airwave-api')
        .setIssuedAt()
        .setExpirationTime('5m'),
    ).sign(key);

  it('refuses algorithms outside the allowlist, even with the right secret', async () => {
    await expect(tokens.verify(await forge('HS512'))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const [, payload] = (await forge('HS256')).split('.');
    const unsigned = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${payload}.`;
    await expect(tokens.verify(unsigned)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('checks issuer, audience and expiry', async () => {
    await expect(
      tokens.verify(await forge('HS256', (j) => j.setIssuer('someone-else'))),
    ).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    await expect(
      tokens.verify(await forge('HS256', (j) => j.setAudience('other-api'))),
    ).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    const expired = await forge('HS256', (j) =>
      j.setIssuedAt(1_700_000_000).setExpirationTime(1_700_000_060),
    );
    await expect(tokens.verify(expired)).rejects.toMatchObject({ code: 'TOKEN_EXPIRED' });
  });
});

describe('refresh tokens', () => {
  it('are random, 256-bit, and stored only as a hash', () => {
    const a = newRefreshToken();
    const b = newRefreshToken();
    expect(a.token).not.toBe(b.token);
    expect(Buffer.from(a.token, 'base64url')).toHaveLength(32);
    expect(a.hash).toBe(hashRefreshToken(a.token));
    expect(a.hash).not.toContain(a.token);
  });
});
