import { ApiErrorResponse, isRawContent, type RouteSpec, type RouteTable } from '@airwave/shared';
import { z } from 'zod';

type JsonSchema = Record<string, unknown>;

const ERROR_REF = { $ref: '#/components/schemas/ApiErrorResponse' };

/** A schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect): what a request may send, or what a response holds. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  // Refinements and transforms have no JSON Schema form: the schema says what it can, the server checks the rest.
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  return rest;
}

/** `/api/streams/:id` → `/api/streams/{id}`. */
const openApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query') {
  if (!schema) return [];
  const object = jsonSchema(schema, 'input');
  const properties = (object.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((object.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: property,
  }));
}

function content(body: NonNullable<RouteSpec['body']> | RouteSpec['response'], io: 'input' | 'output') {
  if (body === null) return undefined;
  if (isRawContent(body)) {
    return Object.fromEntries(body.raw.map((type) => [type, { schema: { contentMediaType: type } }]));
  }
  return { 'application/json': { schema: jsonSchema(body, io) } };
}

function security(auth: RouteSpec['auth']) {
  if (auth === 'none') return [];
  if (auth === 'optional') return [{}, { bearer: [] }];
  return [{ bearer: [] }];
}

function describe(spec: RouteSpec): string {
  const who =
    spec.auth === 'none'
      ? 'Anyone.'
      : spec.auth === 'optional'
        ? 'Anyone; a signed-in caller is known.'
        : spec.auth === 'user'
          ? 'Signed-in users.'
          : `Signed-in users with the role ${spec.auth.roles.join(' or ')}.`;
  return spec.noContentWhen ? `${who} Answers 204 when ${spec.noContentWhen}.` : who;
}

function operation(name: string, spec: RouteSpec) {
  const success = String(spec.response === null ? 204 : (spec.status ?? 200));
  const responses: Record<string, unknown> = {
    [success]: {
      description: isRawContent(spec.response) ? spec.response.description : 'Success',
      ...(spec.response !== null && { content: content(spec.response, 'output') }),
    },
    default: {
      description: 'An error, with its code',
      content: { 'application/json': { schema: ERROR_REF } },
    },
  };
  if (spec.noContentWhen) responses['204'] = { description: `No content: ${spec.noContentWhen}` };
  const headers = Object.entries(spec.headers ?? {}).map(([header, description]) => ({
    name: header,
    in: 'header',
    required: false,
    description,
    schema: { type: 'string' },
  }));
  const body = spec.body === undefined ? undefined : content(spec.body, 'input');
  const optionalBody =
    spec.body !== undefined && !isRawContent(spec.body) && spec.body.safeParse(undefined).success;
  return {
    operationId: name,
    summary: spec.summary,
    description: describe(spec),
    tags: [spec.path.split('/')[2]],
    security: security(spec.auth),
    parameters: [...parameters(spec.params, 'path'), ...parameters(spec.query, 'query'), ...headers],
    ...(body && {
      requestBody: {
        required: !optionalBody,
        content: body,
      },
    }),
    responses,
  };
}

/** The OpenAPI 3.1 document of a route table: every path, its inputs, its answer and its errors. */
export function openApiDocument(table: RouteTable) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [name, spec] of Object.entries(table)) {
    const path = openApiPath(spec.path);
    paths[path] = { ...paths[path], [spec.method]: operation(name, spec) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Airwave API',
      version: '1.0.0',
      description:
        'The REST API of Airwave. Every error answers with ApiErrorResponse and a stable code; the realtime side (Socket.IO) is described at /api/docs/realtime.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: { ApiErrorResponse: jsonSchema(ApiErrorResponse, 'output') },
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
    },
  };
}
