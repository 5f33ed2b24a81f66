export { ApiError } from '@airwave/client';
