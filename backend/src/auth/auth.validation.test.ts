import type { ApiErrorResponse, WeakPasswordDetails } from '@airwave/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../demo/demo-data.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { assertPasswordStrongEnough } from './password-strength.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const valid = { email: 'valid@example.test', password: 'a good passphrase', nickname: 'valid_name' };

/** [what is wrong, body, the field the error must name, the code] */
const REGISTER_CASES: Array<[string, Record<string, unknown>, string, string]> = [
  ['missing email', { password: valid.password, nickname: valid.nickname }, 'email', 'VALIDATION_FAILED'],
  ['malformed email', { ...valid, email: 'not-an-email' }, 'email', 'VALIDATION_FAILED'],
  ['email not a string', { ...valid, email: 42 }, 'email', 'VALIDATION_FAILED'],
  ['over-long email', { ...valid, email: `${'a'.repeat(250)}@x.io` }, 'email', 'VALIDATION_FAILED'],
  ['missing password', { email: valid.email, nickname: valid.nickname }, 'password', 'VALIDATION_FAILED'],
  ['short password', { ...valid, password: 'short1!' }, 'password', 'VALIDATION_FAILED'],
  ['over-long password', { ...valid, password: 'x'.repeat(129) }, 'password', 'VALIDATION_FAILED'],
  ['missing nickname', { email: valid.email, password: valid.password }, 'nickname', 'VALIDATION_FAILED'],
  ['short nickname', { ...valid, nickname: 'ab' }, 'nickname', 'VALIDATION_FAILED'],
  ['long nickname', { ...valid, nickname: 'n'.repeat(25) }, 'nickname', 'VALIDATION_FAILED'],
  ['nickname with markup', { ...valid, nickname: '<script>' }, 'nickname', 'VALIDATION_FAILED'],
  ['unknown field', { ...valid, role: 'admin' }, '', 'VALIDATION_FAILED'],
];

describe('POST /api/auth/register validation', () => {
  it.each(REGISTER_CASES)('rejects %s', async (_what, body, field, code) => {
    const res = await s.api<ApiErrorResponse>('POST', '/api/auth/register', { body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe(code);
    expect(res.body.error.message).toMatch(/^Invalid registration/);
    const paths = (res.body.error.details as Array<{ path: string }>).map((d) => d.path);
    expect(paths).toContain(field);
  });

  it('rejects a body that is not an object', async () => {
    const res = await s.api<ApiErrorResponse>('POST', '/api/auth/register', { rawBody: '[1,2]' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });

  it.each([
    ['a common password', 'password123'],
    ['a common password in other case', 'PassWord123'],
    ['the nickname as password', 'weak_nick_1'],
    ['the email name with a digit', 'weakling771'],
    ['one repeated letter', 'aaaaaaaa'],
    ['eight spaces', '        '],
    ['a keyboard row', 'qwertyuiop'],
    ['a password from the breach lists', 'iloveyou1'],
    ['the site name and digits', 'airwave123'],
  ])('rejects %s as WEAK_PASSWORD', async (_what, password) => {
    const res = await s.api<ApiErrorResponse>('POST', '/api/auth/register', {
      body: { email: 'weakling771@example.test', password, nickname: 'weak_nick_1' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('WEAK_PASSWORD');
  });

  it("explains a weak password with zxcvbn's warning and suggestions", async () => {
    const res = await s.api<ApiErrorResponse>('POST', '/api/auth/register', {
      body: { email: 'weak@example.test', password: 'aaaaaaaa', nickname: 'weak_nick_2' },
    });
    const details = res.body.error.details as WeakPasswordDetails;
    expect(details).toMatchObject({ score: 0, minScore: 3 });
    expect(details.warning).toMatch(/repeated/i);
    expect(details.suggestions.length).toBeGreaterThan(0);
    expect(res.body.error.message).toContain(details.warning);
    for (const suggestion of details.suggestions) expect(res.body.error.message).toContain(suggestion);
  });

  it('accepts the passwords the demo accounts and the README use', async () => {
    for (const account of DEMO_ACCOUNTS) {
      await expect(assertPasswordStrongEnough(account.password, account, 3)).resolves.toBeUndefined();
    }
  });

  it('keeps emails and nicknames unique regardless of case', async () => {
    await s.register({ email: 'taken@example.test', nickname: 'TakenName' });
    const email = await s.api<ApiErrorResponse>('POST', '/api/auth/register', {
      body: { email: 'TAKEN@example.test', password: 'another good one', nickname: 'fresh_one' },
    });
    expect(email.status).toBe(409);
    expect(email.body.error.code).toBe('EMAIL_TAKEN');
    const nick = await s.api<ApiErrorResponse>('POST', '/api/auth/register', {
      body: { email: 'fresh@example.test', password: 'another good one', nickname: 'takenname' },
    });
    expect(nick.status).toBe(409);
    expect(nick.body.error.code).toBe('NICKNAME_TAKEN');
  });
});

describe('other auth bodies', () => {
  it.each([
    ['login without password', '/api/auth/login', { email: 'a@b.co' }, 'password'],
    ['login with bad email', '/api/auth/login', { email: 'nope', password: 'x' }, 'email'],
    [
      'login with over-long password',
      '/api/auth/login',
      { email: 'a@b.co', password: 'x'.repeat(129) },
      'password',
    ],
    ['refresh without token', '/api/auth/refresh', {}, 'refreshToken'],
    ['refresh with a number', '/api/auth/refresh', { refreshToken: 5 }, 'refreshToken'],
  ])('rejects %s', async (_what, path, body, field) => {
    const res = await s.api<ApiErrorResponse>('POST', path, { body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect((res.body.error.details as Array<{ path: string }>).map((d) => d.path)).toContain(field);
  });

  it('rejects a logout body with a wrong type', async () => {
    const account = await s.register();
    const res = await s.api<ApiErrorResponse>('POST', '/api/auth/logout', {
      token: account.accessToken,
      body: { allDevices: 'yes' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
  });
});
