import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';
import { verifyThroughDevMail } from '../test/dev-mail.ts';
import { startSmtpMailbox } from '../test/smtp-mailbox.ts';
import { startTestServer, TEST_JWT_SECRET, type TestServer } from '../test/test-server.ts';
import { mailLanguage } from './mail-language.ts';
import { createMailer, smtpTransport } from './mailer.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

describe('the dev outbox (no SMTP_URL)', () => {
  it('lists mail newest first at /dev/mail, each readable with its link clickable', async () => {
    const first = await s.register({ verified: false });
    const second = await s.register({ verified: false });
    await s.mail.mailer.idle();
    const list = await fetch(`${s.url}/dev/mail`);
    expect(list.headers.get('content-type')).toContain('text/html');
    const html = await list.text();
    expect(html).toContain('Confirm your email for Airwave');
    expect(html.indexOf(second.user.email)).toBeGreaterThan(-1);
    expect(html.indexOf(second.user.email)).toBeLessThan(html.indexOf(first.user.email));

    const id = html.match(/href="\/dev\/mail\/([\w-]+)"/)?.[1];
    const page = await (await fetch(`${s.url}/dev/mail/${id}`)).text();
    expect(page).toMatch(
      /<a href="http:\/\/localhost:\d+\/verify-email\?token=[\w-]{43}">Confirm my email<\/a>/,
    );
    expect((await fetch(`${s.url}/dev/mail/not-a-mail`)).status).toBe(404);
  });

  it('is where a developer (or a test of another process) finds the verification link', async () => {
    const account = await s.register({ verified: false });
    await verifyThroughDevMail(s.url, account.user.email);
    const me = await s.api<{ emailVerified: boolean }>('GET', '/api/auth/me', { token: account.accessToken });
    expect(me.body.emailVerified).toBe(true);
  });

  it('does not exist in production, which needs SMTP_URL', async () => {
    const production = { NODE_ENV: 'production', JWT_SECRET: TEST_JWT_SECRET, BCRYPT_COST: '12' } as const;
    expect(() => loadConfig(production)).toThrow(ConfigError);
    expect(() => loadConfig(production)).toThrow('SMTP_URL: is required when NODE_ENV=production');
    expect(() => loadConfig({ SMTP_URL: 'http://mail.example' })).toThrow('SMTP_URL');
    const prod = await startTestServer({ ...production, SMTP_URL: 'smtp://127.0.0.1:1' });
    try {
      expect(prod.mail.outbox).toBeUndefined();
      expect((await fetch(`${prod.url}/dev/mail`)).status).toBe(404);
    } finally {
      await prod.close();
    }
  });
});

describe('the mailer', () => {
  it('tries again when the relay refuses a mail, and logs without the address or the body', async () => {
    const mailbox = await startSmtpMailbox();
    const logs: string[] = [];
    const logger = pino(
      new Writable({
        write(chunk, _enc, done) {
          logs.push(String(chunk));
          done();
        },
      }),
    );
    let calls = 0;
    const relay = smtpTransport(mailbox.url);
    // The relay blinks once (a refused connection, a 4xx): the first try fails, the retry lands.
    const mailer = createMailer({
      transport: async (mail) => {
        calls++;
        if (calls === 1) throw new Error('451 try later');
        await relay(mail);
      },
      from: 'Airwave <no-reply@airwave.test>',
      logger,
      retryDelaysMs: [20],
    });
    mailer.send('test-mail', { to: 'someone@example.test', subject: 'Hello', text: 'secret-body', html: '' });
    await mailer.idle();
    expect(calls).toBe(2);
    expect((await mailbox.waitFor('someone@example.test')).subject).toBe('Hello');
    expect(logs.join('\n')).toContain('mail not sent, retrying');
    expect(logs.join('\n')).not.toMatch(/someone@example\.test|secret-body/);
    await mailbox.close();
  });

  it('gives up after its retries and says so in the log', async () => {
    const logs: string[] = [];
    const logger = pino(
      new Writable({
        write(chunk, _enc, done) {
          logs.push(String(chunk));
          done();
        },
      }),
    );
    const mailer = createMailer({
      transport: smtpTransport('smtp://127.0.0.1:1'),
      from: 'Airwave <no-reply@airwave.test>',
      logger,
      retryDelaysMs: [10, 10],
    });
    mailer.send('test-mail', { to: 'a@example.test', subject: 'x', text: 'x', html: '' });
    await mailer.idle();
    expect(logs.filter((l) => l.includes('retrying'))).toHaveLength(2);
    expect(logs.join('\n')).toContain('mail not sent, giving up');
  });
});

describe('the language of a mail', () => {
  it.each([
    [undefined, 'en'],
    ['ru-RU,ru;q=0.9,en;q=0.8', 'ru'],
    ['de-DE,ru;q=0.5,en;q=0.3', 'ru'],
    ['en;q=0.2, ru;q=0.8', 'ru'],
    ['ru;q=0, en', 'en'],
    ['fr', 'en'],
  ])('Accept-Language %s → %s', (header, language) => {
    expect(mailLanguage(header)).toBe(language);
  });
});
