import { refusalText } from '@airwave/client';
import type { Messages } from './messages.ts';

/** A negative ack in the user's language: the shared wording for its code, else the server's message. */
export const refusal = (error: Parameters<typeof refusalText>[0], t: Messages) =>
  refusalText(error, { ...t, networkError: t.common.networkError, unknownError: t.common.genericError });
