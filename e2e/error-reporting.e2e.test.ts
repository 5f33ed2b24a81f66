import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserAvailable, launchBrowser, startAirwave } from './harness.ts';

/** A stand-in for Sentry's ingest endpoint, on loopback: the error events the browsers post. */
async function startReceiver() {
  const events: Array<Record<string, unknown>> = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += String(c);
    });
    req.on('end', () => {
      const lines = body.split('\n');
      for (let i = 1; i + 1 < lines.length; i += 2) {
        if ((JSON.parse(lines[i] ?? '{}') as { type?: string }).type === 'event') {
          events.push(JSON.parse(lines[i + 1] ?? '{}') as Record<string, unknown>);
        }
      }
      res.writeHead(200, { 'access-control-allow-origin': '*' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    dsn: `http://public@127.0.0.1:${port}/1`,
    events,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.runIf(browserAvailable)('browser error reporting (web and admin)', { timeout: 120_000 }, () => {
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let airwave: Awaited<ReturnType<typeof startAirwave>>;
  let browser: Browser;
  beforeAll(async () => {
    receiver = await startReceiver();
    airwave = await startAirwave({ SENTRY_DSN: receiver.dsn, SENTRY_RELEASE: 'airwave@e2e' });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await airwave?.stop();
    await receiver?.close();
  });

  for (const [app, path] of [
    ['web', '/'],
    ['admin', '/admin/login'],
  ] as const) {
    it(`${app}: an uncaught error reaches the DSN with the release, and no email`, async () => {
      const page = await browser.newPage();
      const config = page.waitForResponse((r) => r.url().endsWith('/api/client-config'));
      await page.goto(`${airwave.url}${path}`);
      await config;
      const marker = `boom-${app}-${Date.now()}`;
      // The SDK loads on demand after the config arrives; throw until one report of it lands.
      await expect
        .poll(
          async () => {
            await page.evaluate((m) => {
              setTimeout(() => {
                throw new Error(`${m} for someone@example.test`);
              });
            }, marker);
            return receiver.events.find((e) => JSON.stringify(e.exception).includes(marker));
          },
          { timeout: 30_000, interval: 500 },
        )
        .toBeDefined();
      const event = receiver.events.find((e) => JSON.stringify(e.exception).includes(marker));
      expect(event).toMatchObject({ release: 'airwave@e2e', tags: { app } });
      expect(JSON.stringify(event)).not.toContain('someone@example.test');
      await page.close();
    });
  }
});
