import { createServer, type Server } from 'node:http';
import { Writable } from 'node:stream';
import { type ApiErrorResponse, route } from '@airwave/shared';
import express from 'express';
import { pino } from 'pino';
import { pinoHttp } from 'pino-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppError } from '../core/app-error.ts';
import type { AuthMiddleware } from './auth.middleware.ts';
import { errorHandler } from './error-handler.ts';
import { type Handlers, registerRoutes } from './register-routes.ts';

const Thing = z.object({ id: z.number().int(), name: z.string() });
const table = {
  getThing: route({
    method: 'get',
    path: '/api/things/:id',
    summary: 'A thing',
    auth: 'none',
    params: z.object({ id: z.coerce.number().int() }),
    labels: { params: 'thing id' },
    response: Thing,
  }),
  wrongThing: route({ method: 'get', path: '/api/wrong', summary: 'A bug', auth: 'none', response: Thing }),
};

const handlers: Handlers<typeof table> = {
  getThing: async ({ params }) => ({ id: params.id, name: 'ok' }),
  // A handler that lies about its shape past the compiler, as a service reading a changed column would.
  wrongThing: async () => JSON.parse('{"id":"7"}'),
};

const noAuth: AuthMiddleware = {
  requireAuth: () => {
    throw new AppError('UNAUTHENTICATED', 'Sign in to do this.');
  },
  optionalAuth: (_req, _res, next) => next(),
  requireRole: () => () => {
    throw new AppError('FORBIDDEN', 'no');
  },
};

async function serve(checkResponses: boolean) {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const logger = pino({ level: 'info' }, sink);
  const routers = registerRoutes(table, handlers, { mw: noAuth, logger, checkResponses });
  const app = express().use(pinoHttp({ logger })).use('/api', routers.json).use(errorHandler);
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return { server, url, lines };
}

let checked: Awaited<ReturnType<typeof serve>>;
let production: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  checked = await serve(true);
  production = await serve(false);
});
afterAll(async () => {
  const close = (server: Server) => new Promise((resolve) => server.close(resolve));
  await Promise.all([close(checked.server), close(production.server)]);
});

describe('registerRoutes', () => {
  it('parses params with the schema and sends what the handler answers', async () => {
    const res = await fetch(`${checked.url}/api/things/3`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: 3, name: 'ok' });
  });

  it('refuses bad params with VALIDATION_FAILED naming the input by its label', async () => {
    const res = await fetch(`${checked.url}/api/things/x`);
    expect(res.status).toBe(400);
    const body = (await res.json()) as ApiErrorResponse;
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message).toMatch(/^Invalid thing id: id /);
  });

  it('answers a response that breaks its schema with a logged 500 INTERNAL when checking', async () => {
    const res = await fetch(`${checked.url}/api/wrong`);
    expect(res.status).toBe(500);
    expect(((await res.json()) as ApiErrorResponse).error.code).toBe('INTERNAL');
    expect(checked.lines.join('')).toContain('a response does not match its route schema');
  });

  it('does not parse responses in production', async () => {
    const res = await fetch(`${production.url}/api/wrong`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: '7' });
  });
});
