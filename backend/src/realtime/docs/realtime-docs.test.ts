import { clientEvents, ERROR_CODES, serverEvents } from '@airwave/shared';
import { Parser } from '@asyncapi/parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s?.close());

/** Every `$ref` in the document, which must point at something in it. */
function refs(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) refs(n, out);
  else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if (k === '$ref' && typeof v === 'string') out.push(v);
      else refs(v, out);
    }
  }
  return out;
}
const resolve = (doc: unknown, ref: string) =>
  ref
    .replace(/^#\//, '')
    .split('/')
    .reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key], doc);

describe('GET /api/docs/realtime', () => {
  it('documents every event of the contract, each error code, and the recovery handshake', async () => {
    const res = await s.api<string>('GET', '/api/docs/realtime');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    for (const event of Object.keys(clientEvents)) expect(res.body).toContain(`id="client-${event}"`);
    for (const event of Object.keys(serverEvents)) expect(res.body).toContain(`id="server-${event}"`);
    for (const code of ERROR_CODES) expect(res.body).toContain(`<code>${code}</code>`);
    for (const term of ['pid', 'offset', 'sinceMessageId', 'refresh-auth', 'idempotencyKey', 'viewerKey']) {
      expect(res.body).toContain(term);
    }
  });

  it('is allowed by the page CSP: no script at all, and inline style is permitted', async () => {
    const res = await s.api<string>('GET', '/api/docs/realtime');
    expect(res.body).not.toMatch(/<script/i);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/style-src [^;]*'unsafe-inline'/);
  });
});

describe('GET /api/asyncapi.json', () => {
  it('is an AsyncAPI 3.0 document with an operation per event, every $ref resolving', async () => {
    const res = await s.api<{
      asyncapi: string;
      servers: Record<string, { host: string; protocol: string; pathname: string }>;
      operations: Record<string, { action: string; reply?: unknown }>;
      channels: { socket: { messages: Record<string, unknown> } };
    }>('GET', '/api/asyncapi.json');
    expect(res.status).toBe(200);
    const doc = res.body;
    expect(doc.asyncapi).toBe('3.0.0');
    expect(doc.servers.airwave).toEqual({
      host: new URL(s.url).host,
      protocol: 'ws',
      pathname: '/socket.io/',
      description: expect.any(String),
    });
    for (const event of Object.keys(clientEvents)) {
      expect(doc.operations[event], event).toMatchObject({ action: 'receive', reply: expect.anything() });
    }
    for (const event of Object.keys(serverEvents)) {
      const key = event in clientEvents ? `${event}.relayed` : event;
      expect(doc.operations[key], event).toMatchObject({ action: 'send' });
    }
    const all = refs(doc);
    expect(all.length).toBeGreaterThan(Object.keys(clientEvents).length * 3);
    for (const ref of all) expect(resolve(doc, ref), ref).toBeDefined();
  });

  it('passes the official AsyncAPI parser with no error or warning', async () => {
    const res = await s.api('GET', '/api/asyncapi.json');
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(res.body));
    // Severity 0 is an error and 1 a warning; information and hints (a newer spec exists) may stay.
    const problems = diagnostics
      .filter((d) => d.severity <= 1)
      .map((d) => `${d.code}: ${d.message} at ${d.path.join('.')}`);
    expect(problems).toEqual([]);
    expect(document?.operations().all().length).toBe(
      Object.keys(clientEvents).length + Object.keys(serverEvents).length,
    );
  });
});
