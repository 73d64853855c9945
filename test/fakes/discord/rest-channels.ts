/** Bot-token routes for channels: messages (create, read, edit, delete) and threads. */
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
  unknownChannel,
  unknownMessage,
  violate,
} from './context.js';
import { checkMessage } from './limits-message.js';
import { checkThread } from './limits-other.js';
import { CHANNEL_PUBLIC_THREAD, channelObject } from './objects.js';
import type { JsonObject, StoredMessage } from './types.js';

type MessageAction = (message: StoredMessage, req: RestRequest) => RestReply;

export function channelRoutes(ctx: FakeContext): Route[] {
  const one = '/channels/:channel/messages/:message';
  const onMessage = (method: string, template: string, action: MessageAction): Route => ({
    method,
    template,
    auth: true,
    handler: (req) => withMessage(ctx, req, action),
  });
  return [
    { method: 'GET', template: '/channels/:channel', auth: true, handler: (r) => channel(ctx, r) },
    {
      method: 'POST',
      template: '/channels/:channel/messages',
      auth: true,
      handler: (req) => createMessage(ctx, req),
    },
    onMessage('GET', one, (message) => ok(message.data)),
    onMessage('PATCH', one, (message, req) => editMessage(ctx, message, req)),
    onMessage('DELETE', one, (message) => {
      message.deleted = true;
      return noContent();
    }),
    onMessage('POST', `${one}/threads`, (message, req) => startThread(ctx, message, req)),
  ];
}

function channel(ctx: FakeContext, req: RestRequest): RestReply {
  const found = ctx.state.channels.get(req.params.channel ?? '');
  return found ? ok(channelObject(found)) : unknownChannel();
}

function createMessage(ctx: FakeContext, req: RestRequest): RestReply {
  const channelId = req.params.channel ?? '';
  if (!ctx.state.channels.has(channelId)) return unknownChannel();
  const body = objectBody(req);
  const refused = violate(ctx, req, checkMessage(body)) ?? checkFileSizes(ctx, req);
  if (refused) return refused;
  const message = ctx.state.createMessage({ channelId, author: ctx.bot, body, files: req.files });
  return ok(message.data);
}

function withMessage(ctx: FakeContext, req: RestRequest, action: MessageAction): RestReply {
  const channelId = req.params.channel ?? '';
  if (!ctx.state.channels.has(channelId)) return unknownChannel();
  const message = ctx.state.messages.get(req.params.message ?? '');
  const hidden = !message || message.deleted || message.ephemeral;
  if (hidden || message.channelId !== channelId) return unknownMessage();
  return action(message, req);
}

function editMessage(ctx: FakeContext, message: StoredMessage, req: RestRequest): RestReply {
  const body = objectBody(req);
  const refused = violate(ctx, req, checkMessage(body)) ?? checkFileSizes(ctx, req);
  if (refused) return refused;
  ctx.state.editMessage(message, body, req.files);
  return ok(message.data);
}

/** A thread started from a message takes the message's id, as on Discord. */
function startThread(ctx: FakeContext, message: StoredMessage, req: RestRequest): RestReply {
  if (ctx.state.channels.has(message.id)) {
    return apiError(400, 160004, 'A thread has already been created for this message');
  }
  const body = objectBody(req);
  const refused = violate(ctx, req, checkThread(body));
  if (refused) return refused;
  const parent = ctx.state.channels.get(message.channelId);
  const thread = ctx.state.addChannel({
    id: message.id,
    name: typeof body.name === 'string' ? body.name : 'thread',
    guildId: parent?.guildId ?? '',
    type: CHANNEL_PUBLIC_THREAD,
    parentId: message.channelId,
  });
  const data: JsonObject = { ...channelObject(thread), owner_id: ctx.bot.id };
  if (typeof body.auto_archive_duration === 'number') {
    (data.thread_metadata as JsonObject).auto_archive_duration = body.auto_archive_duration;
  }
  message.data.thread = data;
  return ok(data, 201);
}
