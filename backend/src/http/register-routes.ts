import {
  type HandlerResult,
  isRawContent,
  type ParsedInput,
  type Principal,
  type RawContent,
  type RouteAuth,
  type RouteSpec,
  type RouteTable,
} from '@airwave/shared';
import cookieParser from 'cookie-parser';
import express, { type Request, type RequestHandler, type Response, Router } from 'express';
import type { z } from 'zod';
import { AppError, parseInput, zodIssues } from '../core/app-error.ts';
import type { Logger } from '../logger.ts';
import type { AuthMiddleware } from './auth.middleware.ts';

type PrincipalFor<A extends RouteAuth> = A extends 'none'
  ? undefined
  : A extends 'optional'
    ? Principal | undefined
    : Principal;

type BodyFor<R extends RouteSpec> = R['body'] extends z.ZodType
  ? z.output<R['body']>
  : R['body'] extends RawContent
    ? Buffer
    : undefined;

/** What a handler gets: the inputs parsed by the route's schemas, the caller its auth allows, and the exchange. */
export type RouteContext<R extends RouteSpec> = ParsedInput<R> & {
  body: BodyFor<R>;
  principal: PrincipalFor<R['auth']>;
  req: Request;
  /** For headers and cookies only: the registration sends the body. */
  res: Response;
};

/** A route with no body to answer (204) takes a handler that returns nothing. */
export type RouteHandler<R extends RouteSpec> = (
  ctx: RouteContext<R>,
) => R['response'] extends null ? Promise<void> : Promise<HandlerResult<R>>;

/** One handler per route of a table, each typed by its route's schemas. */
export type Handlers<T extends RouteTable> = { [K in keyof T]: RouteHandler<T[K]> };

interface Deps {
  mw: AuthMiddleware;
  logger: Logger;
  /** Parse every JSON response against its schema (development and tests; a mismatch is a 500). */
  checkResponses: boolean;
}

/** Everything under /api: raw-body routes go before the JSON body parser, the rest after it. */
export interface ApiRouters {
  raw: Router;
  json: Router;
}

const PREFIX = '/api';

function guards(auth: RouteAuth, mw: AuthMiddleware): RequestHandler[] {
  if (auth === 'none') return [];
  if (auth === 'optional') return [mw.optionalAuth];
  if (auth === 'user') return [mw.requireAuth];
  return [mw.requireAuth, mw.requireRole(...auth.roles)];
}

function rawBody(spec: RawContent): RequestHandler[] {
  const parse = express.raw({ type: [...spec.raw], limit: spec.limit });
  const require: RequestHandler = (req, _res, next) => {
    if (!Buffer.isBuffer(req.body)) {
      throw new AppError(
        'VALIDATION_FAILED',
        `Send the ${spec.what} with Content-Type ${spec.raw.join(', ')}.`,
      );
    }
    next();
  };
  return [parse, require];
}

/**
 * Registers every route of the table with its handler: auth middleware as the route declares,
 * params, query and body parsed by its schemas (VALIDATION_FAILED naming the input otherwise), and
 * the handler's answer sent with the route's status. The compiler holds each handler to its route.
 */
export function registerRoutes<T extends RouteTable>(
  table: T,
  handlers: Handlers<T>,
  deps: Deps,
): ApiRouters {
  const routers: ApiRouters = { raw: Router(), json: Router() };
  // The refresh route reads the browser's HttpOnly refresh cookie.
  routers.json.use(cookieParser());
  for (const [name, spec] of Object.entries(table)) {
    const handler = handlers[name] as RouteHandler<RouteSpec> | undefined;
    if (!handler) throw new Error(`route ${name} has no handler`);
    if (!spec.path.startsWith(`${PREFIX}/`)) throw new Error(`route ${name} is not under ${PREFIX}`);
    const raw = isRawContent(spec.body) ? spec.body : undefined;
    const router = raw ? routers.raw : routers.json;
    router[spec.method](
      spec.path.slice(PREFIX.length),
      ...guards(spec.auth, deps.mw),
      ...(raw ? rawBody(raw) : []),
      async (req: Request, res: Response) => {
        const labels = spec.labels ?? {};
        const result = await handler({
          params: spec.params ? parseInput(spec.params, req.params, labels.params ?? 'params') : {},
          query: spec.query ? parseInput(spec.query, req.query, 'query') : {},
          body: raw
            ? req.body
            : spec.body
              ? parseInput(spec.body as z.ZodType, req.body, labels.body ?? 'request')
              : undefined,
          principal: req.principal,
          req,
          res,
        } as RouteContext<RouteSpec>);
        send(name, spec, result, res, deps);
      },
    );
  }
  return routers;
}

function send(name: string, spec: RouteSpec, result: unknown, res: Response, deps: Deps) {
  const { response } = spec;
  if (result === undefined && (response === null || spec.noContentWhen)) {
    res.status(204).end();
    return;
  }
  if (isRawContent(response)) {
    const { type, data } = result as { type: string; data: Uint8Array };
    res.type(type).send(Buffer.isBuffer(data) ? data : Buffer.from(data));
    return;
  }
  if (response === null) throw new Error(`route ${name} answers 204 but its handler returned a body`);
  if (deps.checkResponses) {
    const checked = response.safeParse(result);
    if (!checked.success) {
      const issues = zodIssues(checked.error);
      deps.logger.error({ route: name, issues }, 'a response does not match its route schema');
      throw new Error(`the response of ${name} does not match its schema: ${JSON.stringify(issues)}`);
    }
  }
  res.status(spec.status ?? 200).json(result);
}
