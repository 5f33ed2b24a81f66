import { ApiError, callRoute, type RouteCaller } from '@airwave/client';
import {
  apiRoutes,
  type CreateStreamBody,
  type ListStreamsQuery,
  type LoginBody,
  type RegisterBody,
} from '@airwave/shared';
import { apiBaseUrl } from './config.ts';

export { ApiError };

/** A REST call to the configured server (see config.ts) as nobody in particular, or with a token. */
export const publicCall: RouteCaller = (spec, ...[input]) =>
  callRoute(spec, input, { baseUrl: apiBaseUrl() });

/** What an authenticated call looks like; the auth context supplies one that refreshes tokens. */
export type Call = RouteCaller;

/**
 * The phone app sends no session-cookie header, so the server answers with the refresh token in
 * the body; the contract allows either shape, and this app can only use the first.
 */
function inBody<R>(res: R): Extract<R, { refreshToken: string }> {
  if (typeof res === 'object' && res !== null && 'refreshToken' in res) {
    return res as Extract<R, { refreshToken: string }>;
  }
  throw new ApiError(0, 'INTERNAL', 'The server kept the refresh token out of the answer.');
}

/** The typed REST surface the screens use; every route and type comes from @airwave/shared. */
export const endpoints = {
  login: async (body: LoginBody) => inBody(await publicCall(apiRoutes.login, { body })),
  register: async (body: RegisterBody) => inBody(await publicCall(apiRoutes.register, { body })),
  refresh: async (refreshToken: string) =>
    inBody(await publicCall(apiRoutes.refresh, { body: { refreshToken } })),
  logout: (token: string) => callRoute(apiRoutes.logout, { body: {} }, { baseUrl: apiBaseUrl(), token }),
  me: (call: Call) => call(apiRoutes.me),
  streams: (query: Pick<ListStreamsQuery, 'category' | 'q'> = {}) =>
    publicCall(apiRoutes.listStreams, { query: { status: 'live', limit: 50, ...query } }),
  categories: () => publicCall(apiRoutes.categories),
  stream: (id: string) => publicCall(apiRoutes.getStream, { params: { id } }),
  myLiveStream: (call: Call, userId: string) =>
    call(apiRoutes.listStreams, { query: { streamerId: userId, status: 'live', limit: 1 } }),
  createStream: (call: Call, body: CreateStreamBody) => call(apiRoutes.createStream, { body }),
  endStream: (call: Call, id: string) => call(apiRoutes.endStream, { params: { id }, body: {} }),
  gifts: () => publicCall(apiRoutes.giftCatalog),
  wallet: (call: Call) => call(apiRoutes.wallet),
  walletHistory: (call: Call) => call(apiRoutes.walletHistory, { query: { limit: 20 } }),
  coinPackages: () => publicCall(apiRoutes.coinPackages),
  checkout: (call: Call, packageId: string, idempotencyKey: string) =>
    call(apiRoutes.checkout, { body: { packageId, idempotencyKey } }),
  devComplete: (call: Call, paymentId: string) => call(apiRoutes.devComplete, { body: { paymentId } }),
};

/** A fresh key per intended operation, repeated on retries of that same operation. */
export function newIdempotencyKey(): string {
  const bytes = Array.from({ length: 24 }, () => Math.floor(Math.random() * 36).toString(36));
  return `m${Date.now().toString(36)}${bytes.join('')}`.slice(0, 48);
}
