import type { z } from 'zod';
import type { Role } from '../users.ts';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

/**
 * Who may call a route: anyone (`none`); anyone, with the caller known when a token is sent
 * (`optional`); any signed-in user (`user`); or only the roles listed.
 */
export type RouteAuth = 'none' | 'optional' | 'user' | { roles: readonly Role[] };

/** Admins only. */
export const admins = { roles: ['admin'] } as const satisfies RouteAuth;
/** The moderation desk: moderators and admins. */
export const staff = { roles: ['moderator', 'admin'] } as const satisfies RouteAuth;

/** A body or response that is not JSON: bytes of one of these content types. */
export interface RawContent {
  raw: readonly string[];
  /** What the bytes are, for messages: "Send the image with Content-Type …". */
  what: string;
  /** Largest accepted body, in bytes (request bodies only). */
  limit?: number;
  description: string;
}

/** One REST route: everything the server registers, the client calls and the docs show. */
export interface RouteSpec {
  method: HttpMethod;
  /** Express-style: `/api/streams/:id`. */
  path: `/api/${string}`;
  summary: string;
  auth: RouteAuth;
  params?: z.ZodType;
  query?: z.ZodType;
  body?: z.ZodType | RawContent;
  /** The 2xx body; null for 204 No Content. */
  response: z.ZodType | RawContent | null;
  /** Status of a successful answer when it is not 200 (or 204 for a null response). */
  status?: 201;
  /** The route may also answer 204 with no body; says when. */
  noContentWhen?: string;
  /** What VALIDATION_FAILED messages call each input ("Invalid stream id: …"). */
  labels?: { params?: string; body?: string };
  /** Request headers that change what the route does, for the docs. */
  headers?: Readonly<Record<string, string>>;
}

/** Declares one route; `const` keeps the literal method, path and auth for the types that read them. */
export const route = <const R extends RouteSpec>(spec: R): R => spec;

export type RouteTable = Readonly<Record<string, RouteSpec>>;

export const isRawContent = (v: unknown): v is RawContent =>
  typeof v === 'object' && v !== null && 'raw' in v && Array.isArray((v as RawContent).raw);

type Input<S> = S extends z.ZodType ? z.input<S> : never;
type Output<S> = S extends z.ZodType ? z.output<S> : never;
type OrEmpty<R extends RouteSpec, T> = R['noContentWhen'] extends string ? T | undefined : T;

/** What a caller sends: params, query and body, each as the route's schema accepts it. */
export type RouteInput<R extends RouteSpec> = (R['params'] extends z.ZodType
  ? { params: Input<R['params']> }
  : { params?: never }) &
  (R['query'] extends z.ZodType ? { query?: Input<R['query']> } : { query?: never }) &
  (R['body'] extends z.ZodType
    ? undefined extends Input<R['body']>
      ? { body?: Input<R['body']> }
      : { body: Input<R['body']> }
    : { body?: never });

/** What a caller gets back: a JSON route's body, a raw route's text (CSV, HTML), undefined for a 204. */
export type RouteResponse<R extends RouteSpec> = R['response'] extends z.ZodType
  ? OrEmpty<R, Output<R['response']>>
  : R['response'] extends RawContent
    ? string
    : undefined;

/** The inputs a handler receives, parsed (defaults applied) by the route's schemas. */
export type ParsedInput<R extends RouteSpec> = {
  params: R['params'] extends z.ZodType ? Output<R['params']> : Record<string, never>;
  query: R['query'] extends z.ZodType ? Output<R['query']> : Record<string, never>;
};

/** What a handler must return: the response schema's input (null routes return nothing). */
export type HandlerResult<R extends RouteSpec> = R['response'] extends z.ZodType
  ? OrEmpty<R, Input<R['response']>>
  : R['response'] extends RawContent
    ? { type: string; data: Uint8Array }
    : undefined;

/** The URL of a route with its `:name` parameters filled in (each percent-encoded). */
export function routeUrl(path: string, params: Readonly<Record<string, unknown>> = {}): string {
  return path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`route ${path} needs the parameter ${name}`);
    return encodeURIComponent(String(value));
  });
}

/** A query string (with its `?`) of the fields that are set, or '' when none is. */
export function queryString(query: Readonly<Record<string, unknown>> = {}): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null) search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
