/** The REST side's HTTP plumbing: body parsing, route matching, auth, 429s and the call log. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeContext, RestReply, RestRequest, Route } from './context.js';
import type { RateLimiter } from './ratelimit.js';
import type { Json, JsonObject, ReceivedFile } from './types.js';

const PREFIX = '/api/v10';
const MAX_BODY = 30 * 1024 * 1024;

interface ParsedBody {
  body: JsonObject | Json[] | null;
  files: ReceivedFile[];
}

export function restHandler(ctx: FakeContext, routes: Route[], limiter: RateLimiter) {
  return async function handleRest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname.startsWith(PREFIX) ? url.pathname.slice(PREFIX.length) : url.pathname;
    const query = Object.fromEntries(url.searchParams);
    const authorized = req.headers.authorization === `Bot ${ctx.settings.token}`;
    const parsed = await readBody(req).catch(() => null);
    const match = url.pathname.startsWith(PREFIX) ? findRoute(routes, method, path) : null;
    const request: RestRequest = {
      method,
      path,
      query,
      params: match?.params ?? {},
      body: parsed?.body ?? null,
      files: parsed?.files ?? [],
    };
    const reply = await answer(limiter, request, match?.route, authorized, parsed);
    ctx.recorder.record({
      method,
      path,
      route: match?.route.template ?? '',
      query,
      authorized,
      body: request.body,
      files: request.files,
      status: reply.status,
      response: reply.body,
      interactionId: reply.interactionId,
    });
    send(res, reply);
  };
}

async function answer(
  limiter: RateLimiter,
  req: RestRequest,
  route: Route | undefined,
  authorized: boolean,
  parsed: ParsedBody | null,
): Promise<RestReply> {
  if (!route) return { status: 404, body: { message: '404: Not Found', code: 0 } };
  if (route.auth && !authorized)
    return { status: 401, body: { message: '401: Unauthorized', code: 0 } };
  if (!parsed)
    return {
      status: 400,
      body: { message: 'The request body contains invalid JSON.', code: 50109 },
    };
  const limited = limiter.check(req.method, route.template, req.path);
  if (limited) return limited;
  try {
    return await route.handler(req);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { status: 500, body: { message: `fake Discord failed: ${message}`, code: 0 } };
  }
}

function findRoute(
  routes: Route[],
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | null {
  const segments = path.split('/').filter(Boolean);
  for (const route of routes) {
    if (route.method !== method) continue;
    const params = matchTemplate(route.template, segments);
    if (params) return { route, params };
  }
  return null;
}

function matchTemplate(template: string, segments: string[]): Record<string, string> | null {
  const parts = template.split('/').filter(Boolean);
  if (parts.length !== segments.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of parts.entries()) {
    const segment = decodeURIComponent(segments[i] ?? '');
    if (part.startsWith(':')) params[part.slice(1)] = segment;
    else if (part !== segment) return null;
  }
  return params;
}

async function readBody(req: IncomingMessage): Promise<ParsedBody> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk as Buffer);
  }
  const raw = Buffer.concat(chunks);
  const type = req.headers['content-type'] ?? '';
  if (raw.length === 0) return { body: null, files: [] };
  if (type.startsWith('multipart/form-data')) return parseMultipart(raw, type);
  return { body: JSON.parse(raw.toString('utf8')), files: [] };
}

/** Splits a multipart body into payload_json and files, with the platform's own parser. */
async function parseMultipart(raw: Buffer, type: string): Promise<ParsedBody> {
  const form = await new Response(raw, { headers: { 'content-type': type } }).formData();
  const files: ReceivedFile[] = [];
  let body: JsonObject | null = null;
  for (const [field, value] of form) {
    if (typeof value === 'string') {
      if (field === 'payload_json') body = JSON.parse(value);
      continue;
    }
    const data = Buffer.from(await value.arrayBuffer());
    files.push({ field, name: value.name, size: data.length, contentType: value.type, data });
  }
  return { body, files };
}

function send(res: ServerResponse, reply: RestReply): void {
  const headers: Record<string, string> = { ...reply.headers };
  if (reply.body === undefined || reply.status === 204) {
    res.writeHead(reply.status, headers).end();
    return;
  }
  headers['Content-Type'] = 'application/json';
  res.writeHead(reply.status, headers).end(JSON.stringify(reply.body));
}
