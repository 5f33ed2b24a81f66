import { ApiError, callRoute, type RouteCaller } from '@airwave/client';
import { apiRoutes, type CreateStreamBody, type ListStreamsQuery } from '@airwave/shared';
import { apiBaseUrl } from './config.ts';

export { ApiError };

/** A REST call to the configured server (see config.ts) as nobody in particular, or with a token. */
export const publicCall: RouteCaller = (spec, ...[input]) =>
  callRoute(spec, input, { baseUrl: apiBaseUrl() });

/** What an authenticated call looks like; the auth context supplies one that refreshes tokens. */
export type Call = RouteCaller;

/** The typed REST surface the screens use; every route and type comes from @airwave/shared. */
export const endpoints = {
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

export { newIdempotencyKey } from '@airwave/client';
