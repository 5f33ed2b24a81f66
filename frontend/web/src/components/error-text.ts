import { ApiError } from '../lib/api.ts';
import type { Messages } from '../messages/en.ts';

/** A person-readable sentence for any failure: our wording for known codes, else the server's message. */
export function errorText(err: unknown, t: Messages): string {
  if (err instanceof ApiError) {
    if (err.code === 'NETWORK') return t.common.networkError;
    return t.errors[err.code] ?? err.message;
  }
  return t.common.errorTitle;
}

/** The same for a negative socket ack. */
export function ackErrorText(error: { code: string; message: string }, t: Messages): string {
  return t.errors[error.code] ?? error.message;
}
