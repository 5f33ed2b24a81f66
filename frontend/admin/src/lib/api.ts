export { ApiError, apiRequest } from '@airwave/client';
