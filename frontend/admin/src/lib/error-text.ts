import { errorText as coreErrorText } from '@airwave/client';
import type { Messages } from '../messages/en.ts';

/** A person-readable sentence for any failure: our wording for known codes, with field details. */
export const errorText = (err: unknown, t: Messages): string =>
  coreErrorText(err, { ...t, networkError: t.common.networkError, unknownError: t.common.errorTitle });
