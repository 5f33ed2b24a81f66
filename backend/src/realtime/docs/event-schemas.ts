import { ERROR_CODES, errorDetails } from '@airwave/shared';
import { z } from 'zod';

/**
 * JSON Schema (draft-07, what AsyncAPI 3.0 reads by default) of a contract schema. What a client
 * sends is described as input (defaults make fields optional), what the server sends as output.
 */
export function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    target: 'draft-7',
    unrepresentable: 'any',
  });
  return rest;
}

/** `{ ok: true, ...result }`: a positive ack. */
export function okAckSchema(result: z.ZodType): Record<string, unknown> {
  return {
    allOf: [
      { type: 'object', properties: { ok: { const: true } }, required: ['ok'] },
      jsonSchema(result, 'output'),
    ],
  };
}

/** The error body of a negative ack (and of a REST error): one shape per code, its details included. */
export function errorBodySchema(): Record<string, unknown> {
  return {
    oneOf: ERROR_CODES.map((code) => {
      const details = errorDetails[code];
      const detailsSchema = details ? jsonSchema(details, 'output') : undefined;
      const required = details && !details.safeParse(undefined).success;
      return {
        type: 'object',
        properties: {
          code: { const: code },
          message: { type: 'string' },
          ...(detailsSchema && { details: detailsSchema }),
        },
        required: ['code', 'message', ...(required ? ['details'] : [])],
      };
    }),
  };
}

/** `{ ok: false, error }`: a negative ack. */
export const errorAckSchema = (errorRef: string) => ({
  type: 'object',
  properties: { ok: { const: false }, error: { $ref: errorRef } },
  required: ['ok', 'error'],
});
