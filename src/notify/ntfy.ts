/** Publishes a rendered notification to any ntfy server (ntfy.sh or self-hosted). */
import type { ChannelConfig } from '../config/schema.js';
import { readSecret } from '../config/secrets.js';
import { messageOf } from '../errors.js';
import { DeliveryError } from './delivery-error.js';
import type { NotificationMessage } from './message.js';
import { byteLength, cutToBytes } from './text.js';

/** ntfy turns a longer body into an attachment, or refuses it when attachments are off. */
export const NTFY_MESSAGE_LIMIT = 4096;
const SHORT_MESSAGE_LIMIT = 1024;

export interface NtfyOptions {
  env?: NodeJS.ProcessEnv;
  fetch?: typeof fetch;
  timeoutMs?: number;
  runId?: number | null;
}

export interface NtfyAnswer {
  id: string;
  time?: number;
  expires?: number;
  topic?: string;
  [key: string]: unknown;
}

/** `body` cut to `limit` bytes with a marker saying how much was left out. */
export function truncateBody(body: string, limit = NTFY_MESSAGE_LIMIT): string {
  const total = byteLength(body);
  if (total <= limit) return body;
  const marker = (left: number) => `\n… output truncated, ${left} bytes more`;
  const kept = cutToBytes(body, limit - byteLength(marker(total)));
  return kept + marker(total - byteLength(kept));
}

/** The message as this channel carries it: cut to ntfy's limit unless it goes as an attachment. */
export function fitNtfyMessage(message: NotificationMessage, channel: ChannelConfig) {
  if (channel.large_body === 'attach') return message;
  return { ...message, body: truncateBody(message.body) };
}

/** RFC 2047 for any value outside printable ASCII; ntfy decodes it (Go's mime.WordDecoder). */
export function headerValue(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  return `=?UTF-8?B?${Buffer.from(text, 'utf8').toString('base64')}?=`;
}

function authorization(channel: ChannelConfig, env: NodeJS.ProcessEnv): string | undefined {
  try {
    const token = readSecret({ env: channel.token_env }, env);
    if (token) return `Bearer ${token}`;
    const password = readSecret({ env: channel.password_env }, env);
    if (channel.username && password !== undefined) {
      return `Basic ${Buffer.from(`${channel.username}:${password}`).toString('base64')}`;
    }
    return undefined;
  } catch (error) {
    throw new DeliveryError(`channel "${channel.name}": ${messageOf(error)}`, {
      retryable: false,
      cause: error,
    });
  }
}

function headersFor(message: NotificationMessage, auth: string | undefined) {
  const headers: Record<string, string> = {
    'Content-Type': 'text/plain; charset=utf-8',
    Priority: String(message.priority),
  };
  if (message.title) headers.Title = headerValue(message.title);
  if (message.tags.length > 0) headers.Tags = headerValue(message.tags.join(','));
  if (message.click) headers.Click = headerValue(message.click);
  if (message.markdown) headers.Markdown = 'yes';
  if (message.actions.length > 0) {
    const actions = message.actions.map((a) => ({ ...a, clear: false }));
    headers.Actions = headerValue(JSON.stringify(actions));
  }
  if (auth) headers.Authorization = auth;
  return headers;
}

function retryAfterMs(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

async function failure(response: Response, where: string): Promise<DeliveryError> {
  const text = await response.text().catch(() => '');
  let detail = text.trim().slice(0, 300);
  try {
    const body = JSON.parse(text) as { code?: number; error?: string };
    if (body.error) detail = `${body.code ?? response.status} ${body.error}`;
  } catch {}
  const status = response.status;
  const retryable = status === 408 || status === 429 || status >= 500;
  const after = retryAfterMs(response.headers.get('retry-after'));
  return new DeliveryError(`ntfy ${where} answered ${status}: ${detail || response.statusText}`, {
    retryable,
    status,
    ...(after === undefined ? {} : { retryAfterMs: after }),
  });
}

interface Attempt {
  url: string;
  method: 'POST' | 'PUT';
  headers: Record<string, string>;
  body: string;
}

async function post(attempt: Attempt, options: NtfyOptions): Promise<NtfyAnswer> {
  const where = attempt.url.replace(/\/[^/]*$/, '');
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(attempt.url, {
      method: attempt.method,
      headers: attempt.headers,
      body: attempt.body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause ? messageOf(error.cause) : messageOf(error);
    throw new DeliveryError(`cannot reach ntfy at ${where}: ${cause}`, {
      retryable: true,
      cause: error,
    });
  }
  if (!response.ok) throw await failure(response, where);
  return (await response.json()) as NtfyAnswer;
}

/** Sends the message; throws DeliveryError carrying ntfy's code, text and Retry-After. */
export async function publishNtfy(
  channel: ChannelConfig,
  message: NotificationMessage,
  options: NtfyOptions = {},
): Promise<{ id: string; raw: NtfyAnswer }> {
  if (!channel.topic) {
    throw new DeliveryError(`channel "${channel.name}" has no topic`, { retryable: false });
  }
  const url = `${channel.url.replace(/\/+$/, '')}/${channel.topic}`;
  const headers = headersFor(message, authorization(channel, options.env ?? process.env));
  const plain: Attempt = { url, method: 'POST', headers, body: truncateBody(message.body) };
  if (byteLength(message.body) <= NTFY_MESSAGE_LIMIT) return answer(await post(plain, options));

  const filename = `jobdeck-run-${options.runId ?? 'test'}.txt`;
  const short = truncateBody(message.body, SHORT_MESSAGE_LIMIT);
  const attach: Attempt = {
    ...plain,
    method: 'PUT',
    headers: { ...headers, Filename: filename, Message: headerValue(short) },
    body: message.body,
  };
  try {
    return answer(await post(attach, options));
  } catch (error) {
    const refused =
      error instanceof DeliveryError && (error.status === 413 || error.status === 400);
    if (!refused) throw error;
    return answer(await post(plain, options));
  }
}

function answer(raw: NtfyAnswer): { id: string; raw: NtfyAnswer } {
  return { id: String(raw.id), raw };
}
