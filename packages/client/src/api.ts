import type { ApiErrorResponse, ErrorCode } from '@airwave/shared';

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
  body?: unknown;
  token?: string | null;
  /** Extra request headers (the browser apps' session-cookie header). */
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Origin of the API; empty for "the page's own origin". */
  baseUrl?: string;
}

/** One REST call: JSON in and out, every non-2xx turned into an ApiError carrying the contract's code. */
export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { ...options.headers, accept: 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let res: Response;
  try {
    res = await fetch(`${options.baseUrl ?? ''}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      // No `cache` option: React Native's fetch turns 'no-store' into an extra `_=` query parameter,
      // which strict query validation refuses. The API's ETags keep browsers fresh anyway.
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'network error');
  }
  const text = await res.text();
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
  return data as T;
}
