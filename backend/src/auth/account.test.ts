import { randomUUID } from 'node:crypto';
import type { ApiErrorResponse, AuthResponse, Me, TokenPair } from '@airwave/shared';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accountTokens } from '../db/schema/index.ts';
import { type SmtpMailbox, startSmtpMailbox, tokenOf } from '../test/smtp-mailbox.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';
import { closeAllSockets, connectSocket } from '../test/test-socket.ts';

let mailbox: SmtpMailbox;
let s: TestServer;
beforeAll(async () => {
  mailbox = await startSmtpMailbox();
  s = await startTestServer({
    SMTP_URL: mailbox.url,
    MAIL_FROM: 'Airwave Test <mail@airwave.test>',
    PUBLIC_URL: 'https://airwave.test',
    MAIL_LINK_LIMIT_PER_IP: '100000',
  });
});
afterAll(async () => {
  closeAllSockets();
  await s.close();
  await mailbox.close();
});

const newAddress = () => `m${randomUUID().slice(0, 8)}@example.test`;
type Answer = ApiErrorResponse & Record<string, unknown>;
const post = (path: string, body?: unknown, token?: string, headers?: Record<string, string>) =>
  s.api<Answer>('POST', path, { body, token, headers });
const me = (token: string) => s.api<Me & ApiErrorResponse>('GET', '/api/auth/me', { token });

async function verificationToken(email: string, after = 0) {
  const mail = await mailbox.waitFor(
    email,
    (m) => m.link?.pathname === '/verify-email' && mailbox.received.indexOf(m) >= after,
  );
  return tokenOf(mail, '/verify-email');
}

describe('mail', () => {
  it('goes out through SMTP in the language of the request, with a link to PUBLIC_URL', async () => {
    const email = newAddress();
    const account = await s.register({ email, verified: false });
    const english = await mailbox.waitFor(email);
    expect(english.from).toContain('mail@airwave.test');
    expect(english.subject).toBe('Confirm your email for Airwave');
    expect(english.link?.origin).toBe('https://airwave.test');
    expect(english.html).toContain(`href="${english.link?.toString()}"`);

    const before = mailbox.received.length;
    await post('/api/auth/email/verification', undefined, account.accessToken, {
      'accept-language': 'ru-RU,ru;q=0.9,en;q=0.8',
    });
    const russian = await mailbox.waitFor(email, (m) => mailbox.received.indexOf(m) >= before);
    expect(russian.subject).toBe('Подтвердите почту для Airwave');
  });

  it('never stores a link token in clear, nor writes it to the log', async () => {
    const email = newAddress();
    await s.register({ email, verified: false });
    const token = await verificationToken(email);
    const stored = await s.db.select({ hash: accountTokens.tokenHash }).from(accountTokens);
    expect(stored.some((r) => r.hash === token)).toBe(false);
    expect(s.logs.join('\n')).not.toContain(token);
  });

  it('a dead relay neither fails nor slows the request that sends mail', async () => {
    const dead = await startTestServer({ SMTP_URL: 'smtp://127.0.0.1:1' });
    try {
      const started = Date.now();
      const account = await dead.register({ verified: false });
      const forgot = await dead.api('POST', '/api/auth/password/forgot', {
        body: { email: account.user.email },
      });
      expect(forgot.status).toBe(202);
      expect(Date.now() - started).toBeLessThan(2000);
      // The relay refuses the connection: the failure is logged and a retry is planned.
      await expect.poll(() => dead.logs.join('\n'), { timeout: 5000 }).toContain('mail not sent, retrying');
    } finally {
      await dead.close();
    }
  });
});

describe('email verification', () => {
  it('is required before going live and buying coins; the link verifies once', async () => {
    const email = newAddress();
    const account = await s.register({ email, verified: false });
    expect(account.user.emailVerified).toBe(false);
    const live = await post('/api/streams', { title: 'Too early', category: 'music' }, account.accessToken);
    expect(live.status).toBe(403);
    expect(live.body.error.code).toBe('EMAIL_NOT_VERIFIED');
    const buy = await post(
      '/api/payments/checkout',
      { packageId: 'coins-100', idempotencyKey: randomUUID() },
      account.accessToken,
    );
    expect(buy.status).toBe(403);
    expect(buy.body.error.code).toBe('EMAIL_NOT_VERIFIED');

    const token = await verificationToken(email);
    // Anyone holding the link may open it (another browser, signed out): the token is the proof.
    expect((await post('/api/auth/email/verify', { token })).status).toBe(204);
    expect((await me(account.accessToken)).body.emailVerified).toBe(true);
    const again = await post('/api/auth/email/verify', { token });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('INVALID_LINK');

    expect(
      (await post('/api/streams', { title: 'Now', category: 'music' }, account.accessToken)).status,
    ).toBe(201);
    const bought = await post(
      '/api/payments/checkout',
      { packageId: 'coins-100', idempotencyKey: randomUUID() },
      account.accessToken,
    );
    expect(bought.status).toBe(201);
    const resend = await post('/api/auth/email/verification', undefined, account.accessToken);
    expect(resend.status).toBe(409);
  });

  it('refuses a wrong, an expired and a replaced link', async () => {
    const email = newAddress();
    const account = await s.register({ email, verified: false });
    const first = await verificationToken(email);
    const wrong = await post('/api/auth/email/verify', { token: `${first.slice(0, -4)}AAAA` });
    expect(wrong.body.error.code).toBe('INVALID_LINK');

    const before = mailbox.received.length;
    expect((await post('/api/auth/email/verification', undefined, account.accessToken)).status).toBe(202);
    const second = await verificationToken(email, before);
    expect((await post('/api/auth/email/verify', { token: first })).body.error.code).toBe('INVALID_LINK');

    await s.db
      .update(accountTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(accountTokens.userId, account.user.id));
    const expired = await post('/api/auth/email/verify', { token: second });
    expect(expired.status).toBe(400);
    expect(expired.body.error.code).toBe('INVALID_LINK');
    expect((await me(account.accessToken)).body.emailVerified).toBe(false);
  });

  it('resending is rate limited per address', async () => {
    const account = await s.register({ verified: false });
    const codes: number[] = [];
    for (let i = 0; i < 4; i++) {
      codes.push((await post('/api/auth/email/verification', undefined, account.accessToken)).status);
    }
    expect(codes).toEqual([202, 202, 202, 429]);
  });
});

describe('password reset', () => {
  it('answers the same for known and unknown addresses, and mails only the known one', async () => {
    const account = await s.register({ verified: false });
    const unknown = newAddress();
    const known = await post('/api/auth/password/forgot', { email: account.user.email });
    const stranger = await post('/api/auth/password/forgot', { email: unknown });
    expect(stranger.status).toBe(known.status);
    expect(stranger.status).toBe(202);
    expect(stranger.body).toEqual(known.body);
    expect(stranger.headers.get('content-length')).toBe(known.headers.get('content-length'));
    await mailbox.waitFor(account.user.email, (m) => m.link?.pathname === '/reset-password');
    await s.mail.mailer.idle();
    expect(mailbox.to(unknown)).toEqual([]);
  });

  it('sets the password once, checks its strength, and ends every session', async () => {
    const account = await s.register({ verified: false });
    const other = (
      await s.api<AuthResponse>('POST', '/api/auth/login', {
        body: { email: account.user.email, password: account.password },
      })
    ).body;
    const socket = await connectSocket(s.url, { token: other.accessToken });
    const closed = new Promise((resolve) => socket.once('disconnect', resolve));

    await post('/api/auth/password/forgot', { email: account.user.email });
    const token = tokenOf(
      await mailbox.waitFor(account.user.email, (m) => m.link?.pathname === '/reset-password'),
      '/reset-password',
    );
    const weak = await post('/api/auth/password/reset', { token, password: 'password1' });
    expect(weak.body.error.code).toBe('WEAK_PASSWORD');
    const password = `a new horse ${randomUUID()}`;
    expect((await post('/api/auth/password/reset', { token, password })).status).toBe(204);

    await closed;
    for (const session of [account, other]) {
      expect((await me(session.accessToken)).status).toBe(401);
      const refresh = await s.api<TokenPair>('POST', '/api/auth/refresh', {
        body: { refreshToken: session.refreshToken },
      });
      expect(refresh.status).toBe(401);
    }
    const login = (pw: string) =>
      s.api('POST', '/api/auth/login', { body: { email: account.user.email, password: pw } });
    expect((await login(account.password)).status).toBe(401);
    expect((await login(password)).status).toBe(200);

    const reused = await post('/api/auth/password/reset', { token, password: `${password} again` });
    expect(reused.status).toBe(400);
    expect(reused.body.error.code).toBe('INVALID_LINK');
  });

  it('refuses an expired link', async () => {
    const account = await s.register({ verified: false });
    await post('/api/auth/password/forgot', { email: account.user.email });
    const token = tokenOf(
      await mailbox.waitFor(account.user.email, (m) => m.link?.pathname === '/reset-password'),
      '/reset-password',
    );
    await s.db
      .update(accountTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(accountTokens.userId, account.user.id));
    const res = await post('/api/auth/password/reset', { token, password: `fresh horse ${randomUUID()}` });
    expect(res.body.error.code).toBe('INVALID_LINK');
  });

  it('is rate limited per address, known or not, with the same answers', async () => {
    const account = await s.register({ verified: false });
    const run = async (email: string) => {
      const answers = [];
      for (let i = 0; i < 4; i++) {
        const res = await post('/api/auth/password/forgot', { email });
        answers.push({ status: res.status, code: res.body.error?.code });
      }
      return answers;
    };
    const known = await run(account.user.email);
    expect(known.map((a) => a.status)).toEqual([202, 202, 202, 429]);
    expect(await run(newAddress())).toEqual(known);
  });

  it('is rate limited per IP', async () => {
    const limited = await startTestServer({ SMTP_URL: mailbox.url, MAIL_LINK_LIMIT_PER_IP: '2' });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) {
        statuses.push(
          (await limited.api('POST', '/api/auth/password/forgot', { body: { email: newAddress() } })).status,
        );
      }
      expect(statuses).toEqual([202, 202, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('changing the email', () => {
  async function requestChange(account: AuthResponse & { password: string }, newEmail: string) {
    return post(
      '/api/auth/email/change',
      { newEmail, currentPassword: account.password },
      account.accessToken,
    );
  }

  it('needs the current password', async () => {
    const account = await s.register({ verified: false });
    const res = await post(
      '/api/auth/email/change',
      { newEmail: newAddress(), currentPassword: 'not my password' },
      account.accessToken,
    );
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('INVALID_CREDENTIALS');
  });

  it('confirms with the link sent to the new address, which is then verified; the old one is told', async () => {
    const account = await s.register({ verified: false });
    const target = newAddress();
    const res = await requestChange(account, target);
    expect(res.status).toBe(202);
    const token = tokenOf(
      await mailbox.waitFor(target, (m) => m.link?.pathname === '/confirm-email'),
      '/confirm-email',
    );
    expect((await me(account.accessToken)).body.email).toBe(account.user.email);

    expect((await post('/api/auth/email/change/confirm', { token })).status).toBe(204);
    const now = (await me(account.accessToken)).body;
    expect(now).toMatchObject({ email: target, emailVerified: true });
    const notice = await mailbox.waitFor(account.user.email, (m) => m.subject.includes('changed'));
    expect(notice.text).toContain(target);
    expect((await post('/api/auth/email/change/confirm', { token })).body.error.code).toBe('INVALID_LINK');
    const login = await s.api('POST', '/api/auth/login', {
      body: { email: target, password: account.password },
    });
    expect(login.status).toBe(200);
  });

  it('never says that the new address is taken until its link is opened', async () => {
    const owner = await s.register({ verified: false });
    const account = await s.register({ verified: false });
    const free = await requestChange(account, newAddress());
    const taken = await requestChange(account, owner.user.email);
    expect(taken.status).toBe(free.status);
    expect(taken.body).toEqual(free.body);

    const token = tokenOf(
      await mailbox.waitFor(owner.user.email, (m) => m.link?.pathname === '/confirm-email'),
      '/confirm-email',
    );
    const confirm = await post('/api/auth/email/change/confirm', { token });
    expect(confirm.status).toBe(409);
    expect(confirm.body.error.code).toBe('EMAIL_TAKEN');
    expect((await me(account.accessToken)).body.email).toBe(account.user.email);
  });

  it('a verification link mailed to the old address verifies nothing after the move', async () => {
    const email = newAddress();
    const account = await s.register({ email, verified: false });
    const oldLink = await verificationToken(email);
    const target = newAddress();
    await requestChange(account, target);
    const token = tokenOf(await mailbox.waitFor(target), '/confirm-email');
    await post('/api/auth/email/change/confirm', { token });
    expect((await post('/api/auth/email/verify', { token: oldLink })).body.error.code).toBe('INVALID_LINK');
  });
});
