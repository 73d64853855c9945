/** The OpenAPI 3.1 document, generated from the routes' zod schemas (z.toJSONSchema). */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { packagePath } from '../paths.js';
import type { DocumentedRoute, Router } from './route.js';

type Json = Record<string, unknown>;

const errorSchema = z.object({
  error: z.object({
    code: z.string().describe('stable: unauthorized, forbidden, parameters_invalid, …'),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional().describe('per field: `parameters.NAME`'),
  }),
});

function schemaOf(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

function parameters(schema: z.ZodType | undefined, where: 'path' | 'query'): Json[] {
  if (!schema) return [];
  const json = schemaOf(schema, 'input');
  const properties = (json.properties ?? {}) as Record<string, Json>;
  const required = new Set((json.required ?? []) as string[]);
  return Object.entries(properties).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || required.has(name),
    schema: property,
    ...(typeof property.description === 'string' && { description: property.description }),
  }));
}

function success(route: DocumentedRoute): Json {
  if (route.status === 204) return { description: 'done, nothing to answer' };
  if (route.produces) {
    return { description: 'ok', content: { [route.produces]: { schema: { type: 'string' } } } };
  }
  const schema = route.response ? schemaOf(route.response, 'output') : {};
  return { description: 'ok', content: { 'application/json': { schema } } };
}

/** `postApiV1JobsQuickRun` from POST /api/v1/jobs/quick-run. */
function operationId(route: DocumentedRoute): string {
  const words = route.url.split(/[^A-Za-z0-9]+/).filter((w) => w !== '');
  const camel = words.map((w) => (w[0] ?? '').toUpperCase() + w.slice(1)).join('');
  return `${route.method.toLowerCase()}${camel}`;
}

function operation(route: DocumentedRoute): Json {
  const errors = { $ref: '#/components/responses/Error' };
  return {
    operationId: operationId(route),
    summary: route.summary,
    tags: [route.tag],
    security: route.auth === 'token' ? [{ bearer: [] }] : [],
    parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
    ...(route.body && {
      requestBody: {
        required: true,
        content: { 'application/json': { schema: schemaOf(route.body, 'input') } },
      },
    }),
    responses: { [String(route.status)]: success(route), default: errors },
  };
}

export function openApiDocument(routes: readonly DocumentedRoute[], version: string): Json {
  const paths: Record<string, Json> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z_]+)/g, '{$1}');
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operation(route) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'jobdeck',
      version,
      description: 'Run catalog jobs, follow runs, manage schedules and webhooks.',
    },
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
      schemas: { Error: schemaOf(errorSchema, 'output') },
      responses: {
        Error: {
          description: 'an error: {error: {code, message, fields?}}',
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    },
  };
}

/** jobdeck's version, from its package.json. */
export function packageVersion(): string {
  const text = readFileSync(packagePath('package.json'), 'utf8');
  return String((JSON.parse(text) as { version?: unknown }).version ?? '0.0.0');
}

export function openApiRoute(router: Router, version = packageVersion()): void {
  let cached: Json | undefined;
  router.add({
    method: 'GET',
    url: '/api/v1/openapi.json',
    tag: 'meta',
    summary: 'This document',
    async handler() {
      cached ??= openApiDocument(router.routes, version);
      return cached;
    },
  });
}
