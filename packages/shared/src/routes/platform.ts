import { z } from 'zod';
import { ClientConfig } from '../error-scrub.ts';
import { route } from './route.ts';

/** An OpenAPI 3.1 document, checked only as far as the fields every reader needs. */
export const OpenApiDocument = z.looseObject({
  openapi: z.string().startsWith('3.1'),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
});

/** An AsyncAPI 3 document, checked only as far as the fields every reader needs. */
export const AsyncApiDocument = z.looseObject({
  asyncapi: z.string().startsWith('3.'),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  channels: z.record(z.string(), z.unknown()),
});

export const platformRoutes = {
  clientConfig: route({
    method: 'get',
    path: '/api/client-config',
    summary: 'What the browser apps need at run time (error reporting)',
    auth: 'none',
    response: ClientConfig,
  }),
  openApi: route({
    method: 'get',
    path: '/api/openapi.json',
    summary: 'This API as an OpenAPI 3.1 document, made from the route table',
    auth: 'none',
    response: OpenApiDocument,
  }),
  apiDocs: route({
    method: 'get',
    path: '/api/docs',
    summary: 'This API as a page for people: every route with its schemas',
    auth: 'none',
    response: { raw: ['text/html'], what: 'page', description: 'An HTML page' },
  }),
  realtimeDocs: route({
    method: 'get',
    path: '/api/docs/realtime',
    summary: 'The realtime (Socket.IO) API as a page for people: events, handshake, recovery, limits',
    auth: 'none',
    response: { raw: ['text/html'], what: 'page', description: 'An HTML page' },
  }),
  asyncApi: route({
    method: 'get',
    path: '/api/asyncapi.json',
    summary: 'The realtime API as an AsyncAPI 3.0 document, made from the event maps',
    auth: 'none',
    response: AsyncApiDocument,
  }),
};
