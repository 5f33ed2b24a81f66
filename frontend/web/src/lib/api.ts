import { ApiError, type RequestOptions, apiRequest as request } from '@airwave/client';

export { ApiError };

/**
 * Where the API is. In the browser it is the page's own origin; during server rendering the custom
 * server tells Next where it listens (AIRWAVE_INTERNAL_URL), so SSR calls loop back to it.
 */
const baseUrl = () =>
  typeof window === 'undefined' ? (process.env.AIRWAVE_INTERNAL_URL ?? 'http://127.0.0.1:3000') : '';

export function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  return request<T>(method, path, { baseUrl: baseUrl(), ...options });
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
