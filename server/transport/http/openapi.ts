import { z } from 'zod';
import { httpErrorBodySchema, openApiDocumentSchema } from '@/lib/protocol';
import { REQUEST_ID_PATTERN } from '../../observability/logger';
import { defineRoute, noParameters, type ApiRoute, type SecuritySchemeName } from './api-route';

type JsonSchema = Record<string, unknown>;

/** JSON Schema 2020-12 (the dialect of OpenAPI 3.1) of what a request may send or a response holds. */
function jsonSchemaOf(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, target: 'draft-2020-12', unrepresentable: 'any' });
  return rest;
}

const ERROR_REF = { $ref: '#/components/schemas/Error' };
const RETRY_AFTER = { $ref: '#/components/headers/RetryAfter' };
/** Every response carries the request's id, and every operation takes the caller's. */
const REQUEST_ID_HEADERS = { 'x-request-id': { $ref: '#/components/headers/RequestId' } };
const REQUEST_ID_PARAMETER = { $ref: '#/components/parameters/RequestId' };

function errorResponse(description: string, withRetryAfter = false) {
  return {
    description,
    headers: { ...REQUEST_ID_HEADERS, ...(withRetryAfter ? { 'retry-after': RETRY_AFTER } : {}) },
    content: { 'application/json': { schema: ERROR_REF } },
  };
}

/** Every route may answer these, whatever it does. */
const COMMON_ERRORS = {
  429: errorResponse('Too many requests from this address; `retry-after` says when to try again.', true),
  500: errorResponse('Something went wrong on the server.'),
  503: errorResponse('The database cannot be reached; nothing was saved. Try again after `retry-after` seconds.', true),
};

const SECURITY_SCHEMES: Record<SecuritySchemeName, JsonSchema> = {
  hostKey: { type: 'http', scheme: 'bearer', description: 'The call’s host key (the `#key=` of its host URL).' },
  hostKeyQuery: { type: 'apiKey', in: 'query', name: 'key', description: 'The call’s host key, for a plain download link.' },
};

function parametersOf(route: ApiRoute) {
  const parameter = (location: 'path' | 'query', name: string, schema: z.ZodType) => {
    const { description, ...rest } = jsonSchemaOf(schema, 'input');
    const isRequired = location === 'path' || !schema.safeParse(undefined).success;
    return { name, in: location, required: isRequired, ...(typeof description === 'string' ? { description } : {}), schema: rest };
  };
  return [
    ...Object.entries(route.params.shape).map(([name, schema]) => parameter('path', name, schema)),
    ...Object.entries(route.query.shape).map(([name, schema]) => parameter('query', name, schema)),
    REQUEST_ID_PARAMETER,
  ];
}

function responsesOf(route: ApiRoute) {
  const responses: Record<string, unknown> = {};
  for (const [status, spec] of Object.entries(route.responses)) {
    const content = spec.json
      ? { 'application/json': { schema: jsonSchemaOf(spec.json, 'output') } }
      : { [(spec.text ?? 'text/plain').split(';')[0]!]: { schema: { type: 'string' } } };
    responses[status] = { description: spec.description, headers: REQUEST_ID_HEADERS, content };
  }
  for (const [status, description] of Object.entries(route.errors)) responses[status] = errorResponse(description);
  // A route that documents one of the common statuses itself (the readiness probe's 503) keeps its own.
  return { ...COMMON_ERRORS, ...responses };
}

function operationOf(route: ApiRoute) {
  const parameters = parametersOf(route);
  const body = route.body;
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    parameters,
    ...(body
      ? {
          requestBody: {
            required: body.required,
            content: Object.fromEntries(Object.entries(body.content).map(([type, schema]) => [type, { schema: jsonSchemaOf(schema, 'input') }])),
          },
        }
      : {}),
    ...(route.security
      ? { security: [...(route.security.isOptional ? [{}] : []), ...route.security.schemes.map((scheme) => ({ [scheme]: [] }))] }
      : {}),
    responses: responsesOf(route),
  };
}

/** The OpenAPI 3.1 document of `routes`, generated from their zod schemas. */
export function buildOpenApiDocument(routes: ApiRoute[]) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    paths[route.path] = { ...paths[route.path], [route.method.toLowerCase()]: operationOf(route) };
  }
  return {
    openapi: '3.1.0' as const,
    info: {
      title: 'Roundtable API',
      version: '1',
      description: 'Create, list and plan community calls, and download their agenda, record, attendance and calendar event. Every error is `{ error: { code, message, issues? } }`.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    paths,
    components: {
      schemas: { Error: jsonSchemaOf(httpErrorBodySchema, 'output') },
      headers: {
        RetryAfter: { description: 'Seconds to wait before trying again.', schema: { type: 'integer', minimum: 1 } },
        RequestId: {
          description: 'This request’s id: the caller’s `x-request-id` when it was valid, else a new UUID. The server logs the request under it; quote it when reporting a problem.',
          schema: { type: 'string' },
        },
      },
      parameters: {
        RequestId: {
          name: 'x-request-id',
          in: 'header',
          required: false,
          description: 'An id for this request, e.g. a proxy’s: kept when it matches the pattern, replaced by a new UUID otherwise, and sent back in the `x-request-id` response header.',
          schema: { type: 'string', pattern: REQUEST_ID_PATTERN.source },
        },
      },
      securitySchemes: SECURITY_SCHEMES,
    },
  };
}

/** `GET /api/openapi.json`, built once from `routes` (which include this route) on first request. */
export function openApiDocumentRoute(routes: () => ApiRoute[]): ApiRoute {
  let document: ReturnType<typeof buildOpenApiDocument> | null = null;
  return defineRoute({
    method: 'GET',
    path: '/api/openapi.json',
    operationId: 'readOpenApiDocument',
    summary: 'This API as an OpenAPI 3.1 document',
    params: noParameters,
    query: noParameters,
    responses: { 200: { description: 'The OpenAPI document.', json: openApiDocumentSchema } },
    errors: {},
    async handle({ reply }) {
      document ??= buildOpenApiDocument(routes());
      return reply(200, document);
    },
  });
}
