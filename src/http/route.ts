/** Routes declared with zod schemas: input checked per field, each one listed for OpenAPI. */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { type Subject, subjectFrom } from './auth.js';
import { invalidInput, zodFields } from './errors.js';

export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  /** Who the bearer token acts as; only for routes with `auth: 'token'`. */
  subject: Subject;
  request: FastifyRequest;
  reply: FastifyReply;
}

export interface RouteSpec<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: Method;
  url: string;
  summary: string;
  tag: string;
  /** 'token' (default) needs a bearer token; 'none' checks its own credentials. */
  auth?: 'token' | 'none';
  params?: P;
  query?: Q;
  body?: B;
  /** The success status; 204 sends no body. */
  status?: number;
  /** The success body's shape, for the OpenAPI document. */
  response?: z.ZodType;
  /** A success body that is not JSON (text/plain, text/html). */
  produces?: string;
  handler(input: RouteInput<z.output<P>, z.output<Q>, z.output<B>>): Promise<unknown>;
}

/** A handler's answer with a status other than the route's usual one (503 from /healthz). */
export class Answer {
  constructor(
    readonly status: number,
    readonly body: unknown,
  ) {}
}

/** What the OpenAPI document is built from. */
export interface DocumentedRoute {
  method: Method;
  url: string;
  summary: string;
  tag: string;
  auth: 'token' | 'none';
  params?: z.ZodType | undefined;
  query?: z.ZodType | undefined;
  body?: z.ZodType | undefined;
  status: number;
  response?: z.ZodType | undefined;
  produces?: string | undefined;
}

function parse<S extends z.ZodType>(schema: S | undefined, value: unknown) {
  if (!schema) return value as z.output<S>;
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw invalidInput(zodFields(result.error));
  return result.data;
}

export class Router {
  /** Shared between routers of different scopes, so one document lists them all. */
  constructor(
    private readonly server: FastifyInstance,
    readonly routes: DocumentedRoute[] = [],
  ) {}

  add<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(spec: RouteSpec<P, Q, B>) {
    const status = spec.status ?? 200;
    const auth = spec.auth ?? 'token';
    this.routes.push({ ...spec, auth, status });
    this.server.route({
      method: spec.method,
      url: spec.url,
      handler: async (request, reply) => {
        const input = {
          params: parse(spec.params, request.params),
          query: parse(spec.query, request.query),
          body: parse(spec.body, request.body),
          subject: auth === 'token' ? subjectFrom(request) : (undefined as never),
          request,
          reply,
        };
        const body = await spec.handler(input);
        if (reply.sent || body === reply) return reply;
        if (body instanceof Answer) return reply.code(body.status).send(body.body);
        reply.code(status);
        return status === 204 ? reply.send() : reply.send(body);
      },
    });
  }
}

/** In this scope every body arrives as raw bytes: signatures are computed over them. */
export function rawBodies(scope: FastifyInstance, bodyLimit = 256 * 1024): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit }, (_request, body, done) =>
    done(null, body),
  );
}
