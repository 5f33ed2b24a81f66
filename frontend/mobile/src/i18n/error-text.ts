import { errorText, refusalText } from '@airwave/client';
import type { Messages } from './messages.ts';

const words = (t: Messages) => ({
  ...t,
  networkError: t.common.networkError,
  unknownError: t.common.genericError,
});

/** A negative ack in the user's language: the shared wording for its code, else the server's message. */
export const refusal = (error: Parameters<typeof refusalText>[0], t: Messages) =>
  refusalText(error, words(t));

/** The same for anything a REST call threw (a refusal, no network, a bug). */
export const failure = (err: unknown, t: Messages) => errorText(err, words(t));
