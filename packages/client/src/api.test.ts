import { apiRoutes } from '@airwave/shared';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, callRoute } from './api.ts';
import { me } from './testing/fixtures.ts';

/** `fetch` answering one body with the given content type, and keeping the request's headers. */
function answer(body: string, contentType: string | null, status = 200) {
  const sent: Record<string, string>[] = [];
  vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
    sent.push(init.headers as Record<string, string>);
    return new Response(body, { status, headers: contentType ? { 'content-type': contentType } : {} });
  });
  return sent;
}

afterEach(() => vi.unstubAllGlobals());

describe('callRoute reads an answer as the route table says, not as the content type claims', () => {
  it('a raw route (the CSV statement) gets its text, whatever the proxy labelled it', async () => {
    const csv = 'time,sender,coins,beans\r\n2026-12-01T10:00:00Z,fan,5,4\r\n';
    for (const type of ['text/csv; charset=utf-8', 'application/octet-stream', null]) {
      const sent = answer(csv, type);
      const query = { from: '2026-12-01', to: '2026-12-02' };
      expect(await callRoute(apiRoutes.statement, { query }, { token: 't' })).toBe(csv);
      expect(sent[0]?.accept).toBe('text/csv, application/json');
    }
  });

  it('a JSON route parses its body even when it arrives labelled as text', async () => {
    const sent = answer(JSON.stringify(me()), 'text/plain');
    expect(await callRoute(apiRoutes.me, {}, { token: 't' })).toEqual(me());
    expect(sent[0]?.accept).toBe('application/json');
  });

  it('an error on a raw route is the JSON error, with its code', async () => {
    answer(
      JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: 'Sign in.' } }),
      'application/json',
      401,
    );
    const err = await callRoute(apiRoutes.statement, {
      query: { from: '2026-12-01', to: '2026-12-02' },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
  });
});
