/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the same zod schemas that validate the
 * requests (`z.toJSONSchema`, input side), so the document cannot drift from the validation.
 */
import { z } from 'zod';

/** One route as the OpenAPI document describes it. */
export interface RouteSpec {
  method: 'GET' | 'POST';
  /** Fastify path, `:name` for a path parameter. */
  url: string;
  summary: string;
  /** Query-string schema (a zod object). */
  query?: z.ZodObject;
  /** Path-parameter schema (a zod object). */
  params?: z.ZodObject;
  /** JSON body schema. */
  body?: z.ZodType;
  /** The route also takes a raw `text/plain` or `text/html` body. */
  rawBody?: boolean;
  /** What a success returns, in words. */
  response: string;
}

type JsonSchema = { properties?: Record<string, Record<string, unknown>>; required?: string[] } & Record<string, unknown>;

function jsonSchema(schema: z.ZodType): JsonSchema {
  const s = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  delete s.$schema;
  return s;
}

function parameters(schema: z.ZodObject | undefined, where: 'query' | 'path'): object[] {
  if (!schema) return [];
  const s = jsonSchema(schema);
  const required = new Set(s.required ?? []);
  return Object.entries(s.properties ?? {}).map(([name, prop]) => {
    const { description, ...rest } = prop;
    return {
      name,
      in: where,
      required: where === 'path' || (required.has(name) && !('default' in prop)),
      ...(description ? { description } : {}),
      schema: rest,
    };
  });
}

const ERROR_SCHEMA = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string', description: 'stable code, e.g. E_USAGE, E_NOT_FOUND, E_TOO_LARGE' }, message: { type: 'string' } },
    },
  },
};

/**
 * The OpenAPI 3.1 document for `routes`.
 * @param version the API (package) version
 */
export function buildOpenApi(routes: readonly RouteSpec[], version: string): object {
  const paths: Record<string, Record<string, object>> = {};
  for (const r of routes) {
    const p = r.url.replace(/:(\w+)/g, '{$1}');
    const op: Record<string, unknown> = {
      summary: r.summary,
      operationId: `${r.method.toLowerCase()}${p.replace(/[^A-Za-z0-9]+(\w)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''))}`,
      parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
      responses: {
        '200': { description: r.response },
        default: { description: 'error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    };
    if (r.body) {
      const content: Record<string, object> = { 'application/json': { schema: jsonSchema(r.body) } };
      if (r.rawBody) {
        content['text/plain'] = { schema: { type: 'string' } };
        content['text/html'] = { schema: { type: 'string' } };
      }
      op.requestBody = { required: true, content };
    }
    (paths[p] ??= {})[r.method.toLowerCase()] = op;
  }
  paths['/api/openapi.json'] = { get: { summary: 'This document', operationId: 'getOpenapi', responses: { '200': { description: 'OpenAPI 3.1 document' } } } };
  return {
    openapi: '3.1.0',
    info: {
      title: 'Dateline API',
      version,
      description: 'Who did what to whom, when and where, and which words say so: analyse stories and query their coded events (CAMEO/PLOVER).',
    },
    paths,
    components: { schemas: { Error: ERROR_SCHEMA } },
  };
}
