import { errorText as coreErrorText, refusalText } from '@airwave/client';
import type { Messages } from '../messages/en.ts';

const words = (t: Messages) => ({
  ...t,
  networkError: t.common.networkError,
  unknownError: t.common.errorTitle,
});

/** A person-readable sentence for any failure: our wording for the code, else the server's message. */
export const errorText = (err: unknown, t: Messages): string => coreErrorText(err, words(t));

/** The same for a negative socket ack. */
export const ackErrorText = (error: Parameters<typeof refusalText>[0], t: Messages): string =>
  refusalText(error, words(t));
