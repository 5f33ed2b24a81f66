import { ApiError, type RequestOptions, apiRequest as request } from '@airwave/client';
import type {
  CategoryList,
  CheckoutResponse,
  CoinPackageList,
  CreateStreamBody,
  GiftCatalog,
  Payment,
  Stream,
  StreamList,
  Wallet,
  WalletHistory,
} from '@airwave/shared';
import { apiBaseUrl } from './config.ts';

export { ApiError };

/** A REST call to the configured server (see config.ts); errors carry the contract's codes. */
export function apiRequest<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  return request<T>(method, path, { baseUrl: apiBaseUrl(), ...options });
}

/** What an authenticated call looks like; the auth context supplies one that refreshes tokens. */
export type Call = <T>(method: string, path: string, body?: unknown) => Promise<T>;

/** The typed REST surface the screens use; every type comes from @airwave/shared. */
export const endpoints = {
  streams: (query: { category?: string; q?: string } = {}) => {
    const params = new URLSearchParams({ status: 'live', limit: '50' });
    if (query.category) params.set('category', query.category);
    if (query.q) params.set('q', query.q);
    return apiRequest<StreamList>('GET', `/api/streams?${params}`);
  },
  categories: () => apiRequest<CategoryList>('GET', '/api/categories'),
  stream: (id: string) => apiRequest<Stream>('GET', `/api/streams/${id}`),
  myLiveStream: (call: Call, userId: string) =>
    call<StreamList>('GET', `/api/streams?streamerId=${userId}&status=live&limit=1`),
  createStream: (call: Call, body: CreateStreamBody) => call<Stream>('POST', '/api/streams', body),
  endStream: (call: Call, id: string) => call<Stream>('POST', `/api/streams/${id}/end`, {}),
  gifts: () => apiRequest<GiftCatalog>('GET', '/api/gifts'),
  wallet: (call: Call) => call<Wallet>('GET', '/api/wallet'),
  walletHistory: (call: Call) => call<WalletHistory>('GET', '/api/wallet/history?limit=20'),
  coinPackages: () => apiRequest<CoinPackageList>('GET', '/api/coins/packages'),
  checkout: (call: Call, packageId: string, idempotencyKey: string) =>
    call<CheckoutResponse>('POST', '/api/payments/checkout', { packageId, idempotencyKey }),
  devComplete: (call: Call, paymentId: string) =>
    call<Payment>('POST', '/api/payments/dev/complete', { paymentId }),
};

export { newIdempotencyKey } from '@airwave/client';
