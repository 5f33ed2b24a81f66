import { Router } from 'express';
import type { Config } from '../../config.ts';
import { asyncApiDocument } from './asyncapi.ts';
import { realtimeFacts } from './realtime-facts.ts';
import { realtimeDocsPage } from './realtime-page.ts';

/** `GET /docs/realtime` (the page for people) and `GET /asyncapi.json` (for tools), under /api. */
export function realtimeDocsRouter(config: Config): Router {
  const facts = realtimeFacts(config);
  // The same for every request: rendered on the first one, not at startup.
  let page: string | undefined;
  const r = Router();
  r.get('/docs/realtime', (_req, res) => {
    page ??= realtimeDocsPage(facts);
    res.type('html').send(page);
  });
  r.get('/asyncapi.json', (req, res) => {
    // The server block names the host the caller reached, as a client would connect to it.
    res.json(asyncApiDocument(facts, { host: req.get('host') ?? 'localhost', secure: req.secure }));
  });
  return r;
}
