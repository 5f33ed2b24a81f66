import fc from 'fast-check';
import { z } from 'zod';

/**
 * Values for the fuzz test, drawn from the contract's zod schemas through their JSON Schema
 * (zod's own `toJSONSchema`): first something close to valid, then bent into wrong types, missing
 * or extra fields, huge numbers, NUL, long strings, odd unicode, arrays where strings go and
 * prototype keys.
 */
interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  maxItems?: number;
}
const JsonSchema: z.ZodType<JsonSchema> = z.lazy(() =>
  z.looseObject({
    type: z.union([z.string(), z.array(z.string())]).optional(),
    properties: z.record(z.string(), JsonSchema).optional(),
    required: z.array(z.string()).optional(),
    items: JsonSchema.optional(),
    prefixItems: z.array(JsonSchema).optional(),
    anyOf: z.array(JsonSchema).optional(),
    oneOf: z.array(JsonSchema).optional(),
    allOf: z.array(JsonSchema).optional(),
    enum: z.array(z.unknown()).optional(),
    const: z.unknown().optional(),
    minLength: z.number().optional(),
    maxLength: z.number().optional(),
    pattern: z.string().optional(),
    format: z.string().optional(),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
    exclusiveMinimum: z.number().optional(),
    exclusiveMaximum: z.number().optional(),
    maxItems: z.number().optional(),
  }),
);

const PROTO_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf'];

/** Values no field expects: the mutation step puts these where a valid value was. */
export const nasty: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom<unknown>(
    null,
    true,
    0,
    -1,
    1.5,
    1e308,
    -1e308,
    2 ** 31,
    2 ** 53 + 2,
    1e21,
    '',
    ' ',
    '\u0000',
    'a\u0000b',
    '\uD800',
    'x\uDFFFy',
    '\u202Eevil',
    '\uFEFF',
    '%00',
    '%E0%A4%A',
    "' OR 1=1 --",
    '\\',
    '%_%',
    '1e309',
    '-0',
    'NaN',
    '9'.repeat(30),
    '𝕏🎉'.repeat(40),
    'x'.repeat(5000),
    'x'.repeat(200_000),
    '00000000-0000-4000-8000-000000000000',
    '00000000-0000-0000-0000-00000000000g',
    [],
    {},
    [null],
    ['a', 'b'],
    { $gt: '' },
    ...PROTO_KEYS,
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer({ min: Number.MIN_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.double(),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
);

export interface Known {
  /** Real ids to mix into uuid fields, so generated requests reach past the "not found" check. */
  uuids: string[];
}

/** Characters PostgreSQL text cannot take as sent, slipped into otherwise valid strings. */
const UNSTORABLE = fc.constantFrom('\u0000', '\uD800', '\uDFFF');

function stringArb(s: JsonSchema, known: Known): fc.Arbitrary<unknown> {
  const base = shapedString(s, known);
  return fc.oneof(
    { weight: 4, arbitrary: base },
    {
      weight: 1,
      arbitrary: fc
        .tuple(base, UNSTORABLE, fc.nat())
        .map(([text, bad, at]) =>
          typeof text === 'string' ? text.slice(0, at) + bad + text.slice(at) : text,
        ),
    },
  );
}

function shapedString(s: JsonSchema, known: Known): fc.Arbitrary<unknown> {
  switch (s.format) {
    case 'uuid':
      return known.uuids.length ? fc.oneof(fc.constantFrom(...known.uuids), fc.uuid()) : fc.uuid();
    case 'email':
      return fc.emailAddress();
    case 'uri':
      return fc.webUrl();
    case 'date-time':
      return fc
        .integer({ min: 60_000, max: 365 * 86_400_000 })
        .map((ms) => new Date(Date.now() + ms).toISOString());
  }
  if (s.pattern) return fc.stringMatching(new RegExp(s.pattern));
  return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 60) });
}

function numberArb(s: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = s.minimum ?? (s.exclusiveMinimum === undefined ? -1000 : s.exclusiveMinimum + 1);
  const max = s.maximum ?? (s.exclusiveMaximum === undefined ? 1000 : s.exclusiveMaximum - 1);
  const lo = Math.max(min, Number.MIN_SAFE_INTEGER);
  const hi = Math.min(Math.max(max, lo), Number.MAX_SAFE_INTEGER);
  return integer
    ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) })
    : fc.double({ min: lo, max: hi, noNaN: true });
}

function fromJsonSchema(s: JsonSchema, known: Known): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const union = s.anyOf ?? s.oneOf;
  if (union?.length) return fc.oneof(...union.map((u) => fromJsonSchema(u, known)));
  if (s.allOf?.[0]) return fromJsonSchema(s.allOf[0], known);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case 'string':
      return stringArb(s, known);
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      if (s.prefixItems) return fc.tuple(...s.prefixItems.map((p) => fromJsonSchema(p, known)));
      return fc.array(s.items ? fromJsonSchema(s.items, known) : nasty, {
        maxLength: Math.min(s.maxItems ?? 5, 5),
      });
    case 'object': {
      const props = s.properties ?? {};
      const arbs: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, sub] of Object.entries(props)) arbs[key] = fromJsonSchema(sub, known);
      return fc.record(arbs, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
    }
    default:
      return nasty;
  }
}

/** Values close to what `schema` accepts. Refinements JSON Schema cannot say are left to chance. */
export function validish(schema: z.ZodType, known: Known): fc.Arbitrary<unknown> {
  const json = JsonSchema.parse(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));
  return fromJsonSchema(json, known);
}

type Path = Array<string | number>;
function pathsOf(value: unknown, at: Path = []): Path[] {
  const here: Path[] = [at];
  if (Array.isArray(value)) return here.concat(...value.map((v, i) => pathsOf(v, [...at, i])));
  if (value && typeof value === 'object') {
    return here.concat(...Object.entries(value).map(([k, v]) => pathsOf(v, [...at, k])));
  }
  return here;
}

/** A copy of `value` with one change at `path`: replaced, removed, or given an extra (prototype) key. */
function bend(
  value: unknown,
  path: Path,
  op: 'replace' | 'delete' | 'extra',
  key: string,
  with_: unknown,
): unknown {
  if (path.length === 0) {
    if (op === 'extra' && value && typeof value === 'object' && !Array.isArray(value)) {
      const copy: Record<string, unknown> = { ...value };
      // defineProperty, so `__proto__` becomes an own key that JSON.stringify sends.
      Object.defineProperty(copy, key, {
        value: with_,
        enumerable: true,
        configurable: true,
        writable: true,
      });
      return copy;
    }
    return op === 'delete' ? undefined : with_;
  }
  const [head, ...rest] = path;
  if (Array.isArray(value) && typeof head === 'number') {
    const copy = [...value];
    if (op === 'delete' && rest.length === 0) copy.splice(head, 1);
    else copy[head] = bend(copy[head], rest, op, key, with_);
    return copy;
  }
  if (value && typeof value === 'object' && typeof head === 'string') {
    const copy: Record<string, unknown> = { ...value };
    if (op === 'delete' && rest.length === 0) delete copy[head];
    else copy[head] = bend(copy[head], rest, op, key, with_);
    return copy;
  }
  return value;
}

/** Either a valid-ish value as it is, or one bent at a random place. */
export function mutated(base: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return base.chain((value) =>
    fc.oneof(
      { weight: 1, arbitrary: fc.constant(value) },
      {
        weight: 3,
        arbitrary: fc
          .record({
            path: fc.constantFrom(...pathsOf(value)),
            op: fc.constantFrom<'replace' | 'delete' | 'extra'>('replace', 'replace', 'delete', 'extra'),
            key: fc.oneof(fc.constantFrom(...PROTO_KEYS), fc.string({ maxLength: 8 })),
            with_: nasty,
          })
          .map(({ path, op, key, with_ }) => bend(value, path, op, key, with_)),
      },
    ),
  );
}
