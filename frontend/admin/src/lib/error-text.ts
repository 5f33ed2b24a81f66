import { detailsOf } from '@airwave/client';
import type { Messages } from '../messages/en.ts';
import { ApiError } from './api.ts';

/** A person-readable sentence for any failure: our wording for known codes, with field details. */
export function errorText(err: unknown, t: Messages): string {
  if (err instanceof ApiError) {
    if (err.code === 'NETWORK') return t.common.networkError;
    const issues = detailsOf(err, 'VALIDATION_FAILED');
    if (issues?.length) {
      return `${t.errors.VALIDATION_FAILED} ${issues.map((i) => `${i.path ? `${i.path}: ` : ''}${i.message}`).join('; ')}`;
    }
    return t.errors[err.code] ?? err.message;
  }
  return t.common.errorTitle;
}
