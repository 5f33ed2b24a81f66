import { apiRoutes } from '@airwave/shared';
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enumerateRoutes } from '../test/fuzz/enumerate.ts';
import { startTestServer, type TestServer } from '../test/test-server.ts';

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(() => s.close());

const tableRoutes = () =>
  Object.values(apiRoutes)
    .map((r) => `${r.method.toUpperCase()} ${r.path}`)
    .sort();

describe('the route table', () => {
  it('is exactly what the app serves under /api', () => {
    const served = enumerateRoutes(s.app).filter((r) => r.split(' ')[1]?.startsWith('/api/'));
    expect(served).toEqual(tableRoutes());
  });

  it('names each method and path once', () => {
    expect(new Set(tableRoutes()).size).toBe(Object.keys(apiRoutes).length);
  });
});

describe('GET /api/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document listing every route with the shared error body', async () => {
    const res = await s.api<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(
      'GET',
      '/api/openapi.json',
    );
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    // validate() dereferences in place; give it a copy so the listing below still sees the $refs.
    await SwaggerParser.validate(structuredClone(res.body) as never);
    const documented = Object.entries(res.body.paths)
      .flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`),
      )
      .sort();
    expect(documented).toEqual(tableRoutes());
    const login = res.body.paths['/api/auth/login']?.post as {
      responses: { default: { content: { 'application/json': { schema: { $ref: string } } } } };
    };
    expect(login.responses.default.content['application/json'].schema.$ref).toBe(
      '#/components/schemas/ApiErrorResponse',
    );
  });
});

describe('GET /api/docs', () => {
  it('is an HTML page with every route, no script, under the helmet CSP, linking the realtime docs', async () => {
    const res = await fetch(`${s.url}/api/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'nonce-");
    const page = await res.text();
    expect(page).not.toContain('<script');
    expect(page).toContain('href="/api/docs/realtime"');
    for (const spec of Object.values(apiRoutes)) expect(page).toContain(`<code>${spec.path}</code>`);
  });
});
