import type { Messages } from '../messages/en.ts';
import { ApiError } from './api.ts';

/** A person-readable sentence for any failure: our wording for known codes, with field details. */
export function errorText(err: unknown, t: Messages): string {
  if (err instanceof ApiError) {
    if (err.code === 'NETWORK') return t.common.networkError;
    if (err.code === 'VALIDATION_FAILED' && Array.isArray(err.details) && err.details.length > 0) {
      const issues = err.details as Array<{ path?: string; message?: string }>;
      return `${t.errors.VALIDATION_FAILED} ${issues.map((i) => `${i.path ? `${i.path}: ` : ''}${i.message}`).join('; ')}`;
    }
    return t.errors[err.code] ?? err.message;
  }
  return t.common.errorTitle;
}
