/** What the fake's REST routes share: state, the call log, settings, and Discord's error bodies. */
import type { Problem } from './limits-message.js';
import type { FakeUser } from './objects.js';
import type { Recorder } from './recorder.js';
import type { FakeState } from './state.js';
import type { FakeDiscordOptions, Json, JsonObject, ReceivedFile } from './types.js';

export type Settings = Required<Omit<FakeDiscordOptions, 'guilds' | 'announceGuilds'>>;

export interface FakeContext {
  state: FakeState;
  recorder: Recorder;
  settings: Settings;
  bot: FakeUser;
  applicationId: string;
  baseUrl(): string;
  gatewayUrl(): string;
}

export interface RestRequest {
  method: string;
  path: string;
  params: Record<string, string>;
  query: Record<string, string>;
  body: JsonObject | Json[] | null;
  files: ReceivedFile[];
}

export interface RestReply {
  status: number;
  body?: Json;
  headers?: Record<string, string>;
  interactionId?: string;
}

export type RestHandler = (req: RestRequest) => RestReply | Promise<RestReply>;

export interface Route {
  method: string;
  template: string;
  /** Whether the route needs `Authorization: Bot <token>`; token-in-URL routes do not. */
  auth: boolean;
  handler: RestHandler;
}

export function ok(body: Json, status = 200): RestReply {
  return { status, body };
}

export function noContent(): RestReply {
  return { status: 204 };
}

export function apiError(status: number, code: number, message: string): RestReply {
  return { status, body: { message, code } };
}

export const unknownMessage = (): RestReply => apiError(404, 10008, 'Unknown Message');
export const unknownChannel = (): RestReply => apiError(404, 10003, 'Unknown Channel');
export const unknownInteraction = (): RestReply => apiError(404, 10062, 'Unknown interaction');
export const unknownWebhook = (): RestReply => apiError(404, 10015, 'Unknown Webhook');

export function objectBody(req: RestRequest): JsonObject {
  const body = req.body;
  return body && !Array.isArray(body) ? body : {};
}

/**
 * Records the problems as violations; answers 400 50035 as Discord would, unless the fake
 * was told only to record them.
 */
export function violate(ctx: FakeContext, req: RestRequest, problems: Problem[]): RestReply | null {
  if (problems.length === 0) return null;
  for (const problem of problems) {
    ctx.recorder.violations.push({ ...problem, method: req.method, path: req.path });
  }
  if (!ctx.settings.rejectViolations) return null;
  const errors: JsonObject = {};
  for (const { rule, detail } of problems) {
    errors[rule] = { _errors: [{ code: 'BASE_TYPE_INVALID', message: detail }] };
  }
  return { status: 400, body: { message: 'Invalid Form Body', code: 50035, errors } };
}

export function checkFileSizes(ctx: FakeContext, req: RestRequest): RestReply | null {
  const limit = ctx.settings.attachmentSizeLimit;
  const big = req.files.find((file) => file.size > limit);
  const total = req.files.reduce((sum, file) => sum + file.size, 0);
  if (!big && total <= 25 * 1024 * 1024) return null;
  const detail = big ? `${big.name} is ${big.size} bytes > ${limit}` : `${total} bytes in total`;
  ctx.recorder.violations.push({
    rule: 'attachments.size',
    detail,
    method: req.method,
    path: req.path,
  });
  return apiError(413, 40005, 'Request entity too large');
}
