import { apiRoutes, type ClientConfig, type platformRoutes } from '@airwave/shared';
import type { Config } from '../config.ts';
import { asyncApiDocument } from '../realtime/docs/asyncapi.ts';
import { realtimeFacts } from '../realtime/docs/realtime-facts.ts';
import { realtimeDocsPage } from '../realtime/docs/realtime-page.ts';
import { docsPage } from './docs-page.ts';
import { openApiDocument } from './openapi.ts';
import type { Handlers } from './register-routes.ts';

/** The browser apps' run-time config, and the docs of the REST and realtime APIs (made once: the tables are fixed). */
export function platformHandlers(config: Config): Handlers<typeof platformRoutes> {
  const sentry = config.sentry;
  const clientConfig: ClientConfig = {
    sentry: sentry
      ? { dsn: sentry.browserDsn, environment: sentry.environment, release: sentry.release }
      : null,
  };
  const openApi = openApiDocument(apiRoutes);
  const page = Buffer.from(docsPage(apiRoutes));
  const facts = realtimeFacts(config);
  // The same for every request: rendered on the first one, not at startup.
  let realtimePage: Buffer | undefined;
  return {
    clientConfig: async () => clientConfig,
    openApi: async () => openApi,
    apiDocs: async () => ({ type: 'html', data: page }),
    realtimeDocs: async () => {
      realtimePage ??= Buffer.from(realtimeDocsPage(facts));
      return { type: 'html', data: realtimePage };
    },
    // The server block names the host the caller reached, as a client would connect to it.
    asyncApi: async ({ req }) =>
      asyncApiDocument(facts, { host: req.get('host') ?? 'localhost', secure: req.secure }),
  };
}
