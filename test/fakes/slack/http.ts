/** Reading request bodies the way Slack's servers accept them: form, JSON or multipart. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Json } from './types.js';

/** Fields the Web API accepts as JSON-encoded strings inside a form body. */
const JSON_FIELDS = new Set([
  'blocks',
  'attachments',
  'view',
  'files',
  'metadata',
  'unfurls',
  'user_auth_blocks',
]);

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Decodes a Web API body; object fields sent as JSON strings come back as objects. */
export async function parseApiBody(contentType: string, raw: Buffer): Promise<Json> {
  if (raw.length === 0) return {};
  if (contentType.startsWith('application/json')) return JSON.parse(raw.toString('utf8')) as Json;
  const fields = contentType.startsWith('multipart/form-data')
    ? await multipartFields(contentType, raw)
    : Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
  const args: Json = {};
  for (const [key, value] of Object.entries(fields)) {
    args[key] = JSON_FIELDS.has(key) && typeof value === 'string' ? decodeJson(value) : value;
  }
  return args;
}

function decodeJson(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/** Text fields as strings, file parts as Buffers. */
export async function multipartFields(
  contentType: string,
  raw: Buffer,
): Promise<Record<string, string | Buffer>> {
  const request = new Request('http://fake.invalid/', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: raw,
  });
  const form = await request.formData();
  const fields: Record<string, string | Buffer> = {};
  for (const [key, value] of form.entries()) {
    fields[key] = typeof value === 'string' ? value : Buffer.from(await value.arrayBuffer());
  }
  return fields;
}

/** The bytes of an upload: the first part of a multipart body, or the raw body. */
export async function uploadBytes(contentType: string, raw: Buffer): Promise<Buffer> {
  if (!contentType.startsWith('multipart/form-data')) return raw;
  const first = Object.values(await multipartFields(contentType, raw))[0];
  if (first === undefined) return Buffer.alloc(0);
  return typeof first === 'string' ? Buffer.from(first) : first;
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}

/** The token from `Authorization: Bearer`, else from a `token` argument. */
export function bearerToken(req: IncomingMessage, args: Json): string | undefined {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length);
  return typeof args.token === 'string' ? args.token : undefined;
}
