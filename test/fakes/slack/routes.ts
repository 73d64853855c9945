/** The fake's HTTP endpoints: the Web API, the file upload URL and response_url. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { bearerToken, parseApiBody, readBody, sendJson, uploadBytes } from './http.js';
import { messageViolations } from './limits.js';
import type { CallRecorder } from './recorder.js';
import type { Envelope, EphemeralMessage, Json } from './types.js';
import { applySubmissionAck } from './views.js';
import { METHODS } from './web-api.js';
import { normalizeBlocks, type ResponseTarget, type Workspace } from './workspace.js';

export interface RouteContext {
  ws: Workspace;
  recorder: CallRecorder;
  socketUrl: () => string;
}

const RESPONSE_URL_USES = 5;

/** Sends each POST to the Web API, the upload URL or a response_url. */
export function routeRequest(ctx: RouteContext, req: IncomingMessage, res: ServerResponse): void {
  const [, kind, name] = new URL(req.url ?? '/', ctx.ws.baseUrl).pathname.split('/');
  const handler =
    kind === 'api'
      ? handleApi
      : kind === 'upload'
        ? handleUpload
        : kind === 'response'
          ? handleResponseUrl
          : undefined;
  if (req.method !== 'POST' || !name || !handler) {
    res.writeHead(404).end('not found');
    return;
  }
  handler(ctx, req, res, name).catch((error: unknown) => {
    if (!res.headersSent) res.writeHead(500);
    res.end(String(error));
  });
}

function authError(ws: Workspace, method: string, token: string | undefined): Json | undefined {
  if (!token) return { ok: false, error: 'not_authed' };
  const { appToken, botToken } = ws.identity;
  const expected = method === 'apps.connections.open' ? appToken : botToken;
  if (token === expected) return undefined;
  if (token === appToken || token === botToken) {
    return { ok: false, error: 'not_allowed_token_type' };
  }
  return { ok: false, error: 'invalid_auth' };
}

async function handleApi(
  ctx: RouteContext,
  req: IncomingMessage,
  res: ServerResponse,
  method: string,
): Promise<void> {
  const time = Date.now();
  const raw = await readBody(req);
  let args: Json;
  try {
    args = await parseApiBody(req.headers['content-type'] ?? '', raw);
  } catch {
    sendJson(res, 200, { ok: false, error: 'invalid_form_data' });
    return;
  }
  const token = bearerToken(req, args);
  const intercepted = ctx.recorder.intercept(method, time);
  let status = 200;
  let response: Json;
  const headers: Record<string, string> = {};
  if (intercepted && 'retryAfter' in intercepted) {
    status = 429;
    response = { ok: false, error: 'ratelimited' };
    headers['retry-after'] = String(intercepted.retryAfter);
  } else if (intercepted) {
    response = { ok: false, error: intercepted.error };
  } else {
    const handler = METHODS[method];
    response =
      authError(ctx.ws, method, token) ??
      (handler
        ? handler({ ws: ctx.ws, args, socketUrl: ctx.socketUrl })
        : { ok: false, error: 'unknown_method' });
  }
  ctx.recorder.record({ method, args, token, time, status, response });
  sendJson(res, status, response, headers);
}

/** The upload URL from files.getUploadURLExternal: takes the bytes, raw or multipart. */
async function handleUpload(
  ctx: RouteContext,
  req: IncomingMessage,
  res: ServerResponse,
  fileId: string,
): Promise<void> {
  const raw = await readBody(req);
  const file = ctx.ws.files.get(fileId);
  if (!file) {
    res.writeHead(404).end('file not found');
    return;
  }
  file.content = await uploadBytes(req.headers['content-type'] ?? '', raw);
  if (file.content.length !== file.length) {
    const detail = `${fileId}: declared ${file.length} bytes, sent ${file.content.length}`;
    ctx.ws.report('upload', 'upload_length_mismatch', detail);
  }
  res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${file.content.length}`);
}

async function handleResponseUrl(
  ctx: RouteContext,
  req: IncomingMessage,
  res: ServerResponse,
  id: string,
): Promise<void> {
  const raw = await readBody(req);
  const target = ctx.ws.responseTargets.get(id);
  if (!target) {
    res.writeHead(404).end('no_response_url');
    return;
  }
  let body: Json;
  try {
    body = JSON.parse(raw.toString('utf8')) as Json;
  } catch {
    res.writeHead(400).end('invalid_payload');
    return;
  }
  target.uses += 1;
  target.posts.push({ id, body, time: Date.now() });
  if (target.uses > RESPONSE_URL_USES) {
    ctx.ws.report('response_url', 'response_url_overused', `${id} used ${target.uses} times`);
    res.writeHead(404).end('used_url');
    return;
  }
  applyResponse(ctx.ws, target, body, 'response_url');
  sendJson(res, 200, { ok: true });
}

/** What Slack shows for a response_url post or a slash command's ack with a message. */
export function applyResponse(
  ws: Workspace,
  target: Pick<ResponseTarget, 'channel' | 'user' | 'messageTs'>,
  body: Json,
  via: EphemeralMessage['via'],
): void {
  const original = ws.findMessage(target.channel, target.messageTs);
  if (body.delete_original === true && original) {
    original.deleted = true;
    return;
  }
  ws.violations.push(...messageViolations(via, body));
  const blocks = normalizeBlocks(body.blocks, ws);
  const text = String(body.text ?? '');
  if (body.replace_original === true && original) {
    Object.assign(original, { text, blocks });
    original.edits.push({ text, blocks, edited_ts: ws.nextTs() });
    return;
  }
  const thread_ts = typeof body.thread_ts === 'string' ? body.thread_ts : undefined;
  if (body.response_type === 'in_channel') {
    const { botUserId: user, botId: bot_id } = ws.identity;
    ws.addMessage({ channel: target.channel, thread_ts, text, blocks, user, bot_id });
    return;
  }
  ws.ephemerals.push({ channel: target.channel, user: target.user, text, blocks, thread_ts, via });
}

/** What Slack does with an ack: shows a slash command's message, applies a response_action. */
export function applyAck(ws: Workspace, type: Envelope['type'], sent: Json, ack: Json): void {
  if (type === 'slash_commands' && (ack.text !== undefined || ack.blocks !== undefined)) {
    applyResponse(ws, { channel: String(sent.channel_id), user: String(sent.user_id) }, ack, 'ack');
  } else if (sent.type === 'view_submission') {
    const view = ws.views.get(String((sent.view as Json).id));
    if (view) applySubmissionAck(ws, view, ack);
  }
}
