import {
  type ApiErrorResponse,
  type ErrorCode,
  isRawContent,
  queryString,
  type RouteInput,
  type RouteResponse,
  type RouteSpec,
  routeUrl,
} from '@airwave/shared';

/** A failed API call: the contract's error code, the server's message, and its details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode | 'NETWORK',
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export interface RequestOptions {
  token?: string | null;
  /** Extra request headers (the browser apps' session-cookie header). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Origin of the API; empty for "the page's own origin". */
  baseUrl?: string;
}

/** A route's input, optional when the route needs none (no params, no required body). */
export type CallArgs<R extends RouteSpec> =
  Partial<RouteInput<R>> extends RouteInput<R> ? [input?: RouteInput<R>] : [input: RouteInput<R>];

/** A typed REST call: the route from the shared table, its input, and its response type. */
export type RouteCaller = <R extends RouteSpec>(spec: R, ...args: CallArgs<R>) => Promise<RouteResponse<R>>;

/**
 * One REST call to a route of the shared table: the URL from its path and params, the query from
 * its fields, JSON in and out, and every non-2xx turned into an ApiError carrying the contract's code.
 */
export async function callRoute<R extends RouteSpec>(
  spec: R,
  input: RouteInput<R> = {} as RouteInput<R>,
  options: RequestOptions = {},
): Promise<RouteResponse<R>> {
  const { params, query, body } = input as { params?: object; query?: object; body?: unknown };
  const path = `${routeUrl(spec.path, params as Record<string, unknown>)}${queryString(query as Record<string, unknown>)}`;
  const raw = isRawContent(spec.response) ? spec.response.raw : null;
  return (await request(spec.method.toUpperCase(), path, body, options, raw)) as RouteResponse<R>;
}

/** A caller bound to fixed options (the API's origin, a token). */
export const routeCaller =
  (options: () => RequestOptions): RouteCaller =>
  (spec, ...[input]) =>
    callRoute(spec, input, options());

async function request(
  method: string,
  path: string,
  body: unknown,
  options: RequestOptions,
  /** The content types a raw route answers with (a CSV statement); null for a JSON route. */
  raw: readonly string[] | null,
): Promise<unknown> {
  // Errors are JSON on every route, so a raw route accepts its own type and JSON.
  const accept = raw ? [...raw, 'application/json'].join(', ') : 'application/json';
  const headers: Record<string, string> = { ...options.headers, accept };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let res: Response;
  try {
    res = await fetch(`${options.baseUrl ?? ''}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: options.signal,
      // No `cache` option: React Native's fetch turns 'no-store' into an extra `_=` query parameter,
      // which strict query validation refuses. The API's ETags keep browsers fresh anyway.
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'network error');
  }
  const text = await res.text();
  // The route table says what a success carries: a raw route's text is handed over as it came.
  if (res.ok && raw) return text;
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!res.ok) {
    const error = (data as ApiErrorResponse | undefined)?.error;
    throw new ApiError(
      res.status,
      error?.code ?? 'INTERNAL',
      error?.message ?? res.statusText,
      error?.details,
    );
  }
  return data;
}
