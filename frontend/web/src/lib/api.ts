import { ApiError, type CallArgs, callRoute, type RouteCaller } from '@airwave/client';
import type { RouteResponse, RouteSpec } from '@airwave/shared';

export { ApiError };

/**
 * Where the API is. In the browser it is the page's own origin; during server rendering the custom
 * server tells Next where it listens (AIRWAVE_INTERNAL_URL), so SSR calls loop back to it.
 */
const baseUrl = () =>
  typeof window === 'undefined' ? (process.env.AIRWAVE_INTERNAL_URL ?? 'http://127.0.0.1:3000') : '';

/** A call as nobody in particular (public reads). */
export const publicCall: RouteCaller = (spec, ...[input]) => callRoute(spec, input, { baseUrl: baseUrl() });

/** Server-side reads for public pages: null on 404 so the page can render its not-found state. */
export async function publicGet<R extends RouteSpec>(
  spec: R,
  ...args: CallArgs<R>
): Promise<RouteResponse<R> | null> {
  try {
    return await publicCall(spec, ...args);
  } catch (err) {
    if (err instanceof ApiError && (err.status === 404 || err.status === 400)) return null;
    throw err;
  }
}
