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

/**
 * Where the API is. In the browser it is the page's own origin; during server rendering the custom
 * server tells Next where it listens (AIRWAVE_INTERNAL_URL), so SSR calls loop back to it.
 */
const base = () =>
  typeof window === 'undefined' ? (process.env.AIRWAVE_INTERNAL_URL ?? 'http://127.0.0.1:3000') : '';

export interface RequestOptions {
  body?: unknown;
  token?: string | null;
  signal?: AbortSignal;
}

export async function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let res: Response;
  try {
    res = await fetch(`${base()}${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
      cache: 'no-store',
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'network error');
  }
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : undefined;
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

/** Server-side reads for public pages: null on 404 so the page can render its not-found state. */
export async function publicGet<T>(path: string): Promise<T | null> {
  try {
    return await apiRequest<T>('GET', path);
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 400)) return null;
    throw err;
  }
}
