import { z } from 'zod';
import { ClientConfig } from '../error-scrub.ts';
import { route } from './route.ts';

/** An OpenAPI 3.1 document, checked only as far as the fields every reader needs. */
export const OpenApiDocument = z.looseObject({
  openapi: z.string().startsWith('3.1'),
  info: z.looseObject({ title: z.string(), version: z.string() }),
  paths: z.record(z.string(), z.record(z.string(), z.unknown())),
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
};
