import { apiRoutes, type ClientConfig, type platformRoutes } from '@airwave/shared';
import type { Config } from '../config.ts';
import { docsPage } from './docs-page.ts';
import { openApiDocument } from './openapi.ts';
import type { Handlers } from './register-routes.ts';

/** The browser apps' run-time config, and the API's own docs (both made once: the table is fixed). */
export function platformHandlers(config: Config): Handlers<typeof platformRoutes> {
  const sentry = config.sentry;
  const clientConfig: ClientConfig = {
    sentry: sentry
      ? { dsn: sentry.browserDsn, environment: sentry.environment, release: sentry.release }
      : null,
  };
  const openApi = openApiDocument(apiRoutes);
  const page = Buffer.from(docsPage(apiRoutes));
  return {
    clientConfig: async () => clientConfig,
    openApi: async () => openApi,
    apiDocs: async () => ({ type: 'html', data: page }),
  };
}
