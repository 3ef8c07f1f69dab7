import { z } from 'zod';
import { type ApiContext, HttpError, jsonResponse, parseOrThrow } from './http-utils';

/** A response the route documents: a JSON body with its schema, or text of a content type. */
export type ResponseSpec = { description: string; json?: z.ZodType; text?: string };
export type ResponseSpecs = Record<number, ResponseSpec>;

/** How a host proves it is the host: its key as a bearer token, or as `?key=` on a plain download link. */
export type SecuritySchemeName = 'hostKey' | 'hostKeyQuery';

/** A request body the route documents, by content type; the handler reads and parses it with these schemas. */
export type BodySpec = { required: boolean; description?: string; content: Record<string, z.ZodType> };

type JsonStatus<R extends ResponseSpecs> = { [S in keyof R]: R[S] extends { json: z.ZodType } ? S : never }[keyof R] & number;
type JsonBody<Spec> = Spec extends { json: infer Schema extends z.ZodType } ? z.output<Schema> : never;
/** Answers with one of the route's documented JSON responses, its body typed by that response's schema. */
export type Reply<R extends ResponseSpecs> = <S extends JsonStatus<R>>(status: S, body: JsonBody<R[S]>) => Response;

/** For a route without path parameters or query. */
export const noParameters = z.object({});

export type RouteSpec<Params extends z.ZodObject, Query extends z.ZodObject, Responses extends ResponseSpecs> = {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** OpenAPI form: `/api/calls/{slug}`. */
  path: string;
  /** Unique; the typed client's function for the route has this name. */
  operationId: string;
  summary: string;
  description?: string;
  params: Params;
  query: Query;
  /** The 400 message when the query does not parse. */
  invalidQueryMessage?: string;
  body?: BodySpec;
  /** Schemes that authorize the request; `isOptional` when it also works without (and then does less). */
  security?: { schemes: SecuritySchemeName[]; isOptional: boolean };
  responses: Responses;
  /** The error statuses this route answers with itself, and why; every route may also answer 429, 500 and 503. */
  errors: Record<number, string>;
  handle: (input: { c: ApiContext; params: z.output<Params>; query: z.output<Query>; reply: Reply<Responses> }) => Promise<Response>;
};

/** A route with its types erased: what the router mounts and the OpenAPI document describes. */
export type ApiRoute = Omit<RouteSpec<z.ZodObject, z.ZodObject, ResponseSpecs>, 'handle'> & {
  run: (c: ApiContext) => Promise<Response>;
};

export function methodNotAllowed(c: ApiContext): HttpError {
  return new HttpError(405, 'method_not_allowed', `${c.req.method} is not allowed on ${c.req.path}.`);
}

export function defineRoute<Params extends z.ZodObject, Query extends z.ZodObject, Responses extends ResponseSpecs>(spec: RouteSpec<Params, Query, Responses>): ApiRoute {
  const { handle, ...rest } = spec;
  const reply: Reply<Responses> = (status, body) => jsonResponse(status, body);
  return {
    ...rest,
    async run(c) {
      // Hono answers HEAD with the GET route; this API never did.
      if (c.req.method === 'HEAD') throw methodNotAllowed(c);
      const params = parseOrThrow(spec.params, c.req.param(), 'The address is not valid.');
      const query = parseOrThrow(spec.query, c.req.query(), spec.invalidQueryMessage ?? 'The query is not valid.');
      return handle({ c, params, query, reply });
    },
  };
}
