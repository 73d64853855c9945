/** Interaction webhooks: follow-ups, and reading, editing, deleting @original and follow-ups. */
import {
  apiError,
  checkFileSizes,
  type FakeContext,
  noContent,
  objectBody,
  ok,
  type RestReply,
  type RestRequest,
  type Route,
  unknownMessage,
  unknownWebhook,
  violate,
} from './context.js';
import { checkMessage } from './limits-message.js';
import { metadata } from './rest-callback.js';
import type { InteractionRecord } from './state.js';
import type { StoredMessage } from './types.js';

type Action = (record: InteractionRecord, req: RestRequest) => RestReply;

export function webhookRoutes(ctx: FakeContext): Route[] {
  const message = '/webhooks/:app/:token/messages/:message';
  const route = (method: string, template: string, action: Action): Route => ({
    method,
    template,
    auth: false,
    handler: (req) => withInteraction(ctx, req, action),
  });
  return [
    route('POST', '/webhooks/:app/:token', (record, req) => followUp(ctx, record, req)),
    route('GET', message, (record, req) => withMessage(ctx, record, req, (m) => ok(m.data))),
    route('PATCH', message, (record, req) =>
      withMessage(ctx, record, req, (m) => edit(ctx, m, req)),
    ),
    route('DELETE', message, (record, req) => withMessage(ctx, record, req, remove)),
  ];
}

function withInteraction(ctx: FakeContext, req: RestRequest, action: Action): RestReply {
  const record = ctx.state.byToken.get(req.params.token ?? '');
  if (!record || req.params.app !== ctx.applicationId) return unknownWebhook();
  const expired = Date.now() - record.createdAt > ctx.settings.tokenLifetimeMs;
  if (record.tokenExpired || expired) {
    return { ...apiError(401, 50027, 'Invalid Webhook Token'), interactionId: record.id };
  }
  return { ...action(record, req), interactionId: record.id };
}

function followUp(ctx: FakeContext, record: InteractionRecord, req: RestRequest): RestReply {
  if (record.callbackType === null) {
    const detail = 'a follow-up needs the initial response first';
    ctx.recorder.violations.push({ rule: 'follow-up', detail, method: req.method, path: req.path });
    return unknownWebhook();
  }
  const body = objectBody(req);
  const refused = violate(ctx, req, checkMessage(body)) ?? checkFileSizes(ctx, req);
  if (refused) return refused;
  const loading = record.loading && record.originalId !== null;
  const message = loading
    ? replaceLoading(ctx, record, req)
    : ctx.state.createMessage({
        channelId: record.channelId,
        author: ctx.bot,
        body,
        files: req.files,
        webhookId: ctx.applicationId,
        applicationId: ctx.applicationId,
        interactionMetadata: metadata(record),
        interactionId: record.id,
      });
  if (!loading) record.followUpIds.push(message.id);
  return req.query.wait === 'true' ? ok(message.data) : noContent();
}

/** After a deferred reply, Discord turns the first follow-up into the "thinking" message's edit. */
function replaceLoading(ctx: FakeContext, record: InteractionRecord, req: RestRequest) {
  const original = ctx.state.messages.get(record.originalId ?? '') as StoredMessage;
  ctx.state.editMessage(original, objectBody(req), req.files);
  record.loading = false;
  return original;
}

function withMessage(
  ctx: FakeContext,
  record: InteractionRecord,
  req: RestRequest,
  action: (message: StoredMessage) => RestReply,
): RestReply {
  const wanted = req.params.message === '@original' ? record.originalId : req.params.message;
  const owned = wanted === record.originalId || record.followUpIds.includes(wanted ?? '');
  const message = wanted && owned ? ctx.state.messages.get(wanted) : undefined;
  if (!message || message.deleted) return unknownMessage();
  const reply = action(message);
  if (req.method === 'PATCH' && wanted === record.originalId && reply.status === 200) {
    record.loading = false;
  }
  return reply;
}

function edit(ctx: FakeContext, message: StoredMessage, req: RestRequest): RestReply {
  const body = objectBody(req);
  const refused = violate(ctx, req, checkMessage(body)) ?? checkFileSizes(ctx, req);
  if (refused) return refused;
  ctx.state.editMessage(message, body, req.files);
  return ok(message.data);
}

function remove(message: StoredMessage): RestReply {
  message.deleted = true;
  return noContent();
}
