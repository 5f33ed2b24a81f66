import type { z } from 'zod';
import { AppError } from '../core/app-error.ts';

/**
 * Opaque keyset cursors: a JSON value in base64url. A cursor comes back from the client, so it is
 * untrusted input like any other and is decoded only through a schema that bounds every part to
 * what its SQL comparison accepts (an int4 column compared with 1.5 or 1e308 fails the statement).
 */
export const encodeCursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

export function invalidCursor(): never {
  throw new AppError('VALIDATION_FAILED', 'Invalid cursor: must be a cursor from a previous page', [
    { path: 'cursor', message: 'must be a cursor from a previous page' },
  ]);
}

export function decodeCursor<S extends z.ZodType>(schema: S, raw: string): z.output<S> {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(raw, 'base64url').toString());
  } catch {
    return invalidCursor();
  }
  const parsed = schema.safeParse(value);
  return parsed.success ? parsed.data : invalidCursor();
}
