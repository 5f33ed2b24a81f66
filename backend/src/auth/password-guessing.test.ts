import type { ApiErrorResponse, AuthResponse, TokenPair } from '@airwave/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/test-server.ts';

const CAP_SECONDS = 2;
const PER_ACCOUNT_IP = 8;

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer({
    // X-Forwarded-For decides the client IP, so one test can speak from several addresses.
    TRUST_PROXY: 'true',
    LOGIN_LIMIT_PER_IP: '1000',
    LOGIN_LIMIT_PER_ACCOUNT: '2',
    LOGIN_LIMIT_PER_ACCOUNT_IP: String(PER_ACCOUNT_IP),
    LOGIN_MAX_DELAY_SECONDS: String(CAP_SECONDS),
    REFRESH_FAILURE_LIMIT_PER_IP: '3',
  });
});
afterAll(() => s.close());

let nextIp = 1;
/** A fresh client address for each actor, so tests share no per-IP budget. */
const newIp = () => `203.0.113.${nextIp++}`;
const from = (ip: string) => ({ 'x-forwarded-for': ip });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const retryAfter = (res: { body: ApiErrorResponse }) =>
  (res.body.error.details as { retryAfterSeconds: number }).retryAfterSeconds;

function login(ip: string, email: string, password: string) {
  return s.api<ApiErrorResponse & AuthResponse>('POST', '/api/auth/login', {
    body: { email, password },
    headers: from(ip),
  });
}

/** Tries until the server stops asking to wait; fails if any wait is longer than the cap. */
async function loginWaitingOutDelays(ip: string, email: string, password: string) {
  for (let i = 0; i < 4; i++) {
    const res = await login(ip, email, password);
    if (res.status !== 429) return res;
    expect(retryAfter(res)).toBeLessThanOrEqual(CAP_SECONDS);
    await sleep(retryAfter(res) * 1000 + 100);
  }
  throw new Error('still limited after waiting out four delays');
}

describe('login guessing', () => {
  it('lets an attacker on one IP neither lock the owner on another IP out past the cap nor go on guessing', async () => {
    const owner = await s.register();
    const attacker = newIp();
    const statuses: number[] = [];
    let last: Awaited<ReturnType<typeof login>> | undefined;
    for (let i = 0; i < 20; i++) {
      last = await login(attacker, owner.user.email, `guess number ${i}`);
      statuses.push(last.status);
    }
    // Only a few guesses were even checked; the rest were refused before the password was read.
    expect(statuses.filter((st) => st === 401).length).toBeLessThanOrEqual(PER_ACCOUNT_IP);
    expect(statuses.every((st) => st === 401 || st === 429)).toBe(true);
    // The attacking IP is cut off for the window, far longer than any account delay.
    expect(last?.status).toBe(429);
    expect(last && retryAfter(last)).toBeGreaterThan(CAP_SECONDS);

    const ownerIp = newIp();
    const ok = await loginWaitingOutDelays(ownerIp, owner.user.email, owner.password);
    expect(ok.status).toBe(200);

    // The owner's success clears the account's delay, not the attacker's cut-off.
    const again = await login(attacker, owner.user.email, owner.password);
    expect(again.status).toBe(429);
  });

  it('doubles the wait after the free failures, answers RATE_LIMITED meanwhile, and forgets on success', async () => {
    const account = await s.register();
    const ip = newIp();
    const { email } = account.user;
    expect((await login(ip, email, 'wrong one')).status).toBe(401);
    expect((await login(ip, email, 'wrong two')).status).toBe(401);
    // The first failure over the free ones is still checked, and starts a 1 s delay.
    expect((await login(ip, email, 'wrong three')).status).toBe(401);
    const waiting = await login(ip, email, account.password);
    expect(waiting.status).toBe(429);
    expect(waiting.body.error.code).toBe('RATE_LIMITED');
    expect(retryAfter(waiting)).toBe(1);
    expect(waiting.headers.get('retry-after')).toBe('1');

    await sleep(1100);
    expect((await login(ip, email, 'wrong four')).status).toBe(401);
    const longer = await login(ip, email, account.password);
    expect(longer.status).toBe(429);
    expect(retryAfter(longer)).toBe(2);

    await sleep(2100);
    expect((await login(ip, email, account.password)).status).toBe(200);
    // A success wipes the slate: the free failures are free again.
    expect((await login(ip, email, 'wrong five')).status).toBe(401);
    expect((await login(ip, email, 'wrong six')).status).toBe(401);
    expect((await login(ip, email, account.password)).status).toBe(200);
  });

  it('throttles unknown emails the same way, so limits tell nothing about which accounts exist', async () => {
    const ip = newIp();
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await login(ip, 'nobody-here@example.test', `guess ${i}`)).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });
});

describe('current-password guessing on POST /api/users/me/password', () => {
  it('shares the login limits per account and per IP', async () => {
    const account = await s.register();
    const thief = newIp();
    const change = (ip: string, currentPassword: string) =>
      s.api<ApiErrorResponse>('POST', '/api/users/me/password', {
        token: account.accessToken,
        headers: from(ip),
        body: { currentPassword, newPassword: 'a fresh and long passphrase' },
      });
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await change(thief, `guess number ${i}`)).status);
    expect(statuses.filter((st) => st === 401).length).toBeLessThanOrEqual(PER_ACCOUNT_IP);
    expect(statuses.at(-1)).toBe(429);
    // Cut off: even the right password is not checked from that IP any more.
    const right = await change(thief, account.password);
    expect(right.status).toBe(429);
    expect(right.body.error.code).toBe('RATE_LIMITED');

    // Guesses here delayed sign-ins to the account too, but only up to the cap.
    const ok = await loginWaitingOutDelays(newIp(), account.user.email, account.password);
    expect(ok.status).toBe(200);
  });
});

describe('refresh token guessing', () => {
  it('counts failed refreshes per IP and cuts that IP off', async () => {
    const account = await s.register();
    const guesser = newIp();
    const refresh = (ip: string, refreshToken: string) =>
      s.api<ApiErrorResponse & TokenPair>('POST', '/api/auth/refresh', {
        body: { refreshToken },
        headers: from(ip),
      });
    for (let i = 0; i < 3; i++) expect((await refresh(guesser, `not-a-token-${i}`)).status).toBe(401);
    const limited = await refresh(guesser, 'not-a-token-3');
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('RATE_LIMITED');
    expect((await refresh(guesser, account.refreshToken)).status).toBe(429);
    // Other clients refresh as before.
    expect((await refresh(newIp(), account.refreshToken)).status).toBe(200);
  });
});
