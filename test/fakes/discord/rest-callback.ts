/** POST /interactions/{id}/{token}/callback: once per interaction, within the deadline. */
import {
  apiError,
  checkFileSizes,
  type FakeContext,
  objectBody,
  type RestReply,
  type RestRequest,
  type Route,
  unknownInteraction,
  violate,
} from './context.js';
import { checkMessage, type Problem } from './limits-message.js';
import { checkChoices, checkModal } from './limits-other.js';
import { userObject } from './objects.js';
import type { InteractionRecord } from './state.js';
import type { Json, JsonObject, StoredMessage } from './types.js';

/** Callback types each interaction type accepts. */
const ALLOWED: Record<number, number[]> = {
  2: [4, 5, 9],
  3: [4, 5, 6, 7, 9],
  4: [8],
  5: [4, 5, 6, 7],
};

export function callbackRoutes(ctx: FakeContext): Route[] {
  return [
    {
      method: 'POST',
      template: '/interactions/:interaction/:token/callback',
      auth: false,
      handler: (req) => callback(ctx, req),
    },
  ];
}

function callback(ctx: FakeContext, req: RestRequest): RestReply {
  const record = ctx.state.interactions.get(req.params.interaction ?? '');
  if (!record || record.token !== req.params.token) return unknownInteraction();
  return { ...acknowledge(ctx, req, record), interactionId: record.id };
}

function acknowledge(ctx: FakeContext, req: RestRequest, record: InteractionRecord): RestReply {
  if (record.callbackType !== null) {
    return apiError(400, 40060, 'Interaction has already been acknowledged.');
  }
  const late = Date.now() - record.createdAt > ctx.settings.callbackDeadlineMs;
  if (record.callbackExpired || late) return unknownInteraction();
  const body = objectBody(req);
  const type = Number(body.type);
  const data = (body.data ?? {}) as JsonObject;
  const refused = refuse(ctx, req, record, type, data);
  if (refused) return refused;
  record.callbackType = type;
  const message = apply(ctx, req, record, type, data);
  if (req.query.with_response !== 'true') return { status: 204 };
  return { status: 200, body: callbackResponse(record, type, message) };
}

function refuse(
  ctx: FakeContext,
  req: RestRequest,
  record: InteractionRecord,
  type: number,
  data: JsonObject,
): RestReply | null {
  const fromMessage = record.payload.message !== undefined;
  const allowed = (ALLOWED[record.type] ?? []).filter((t) => fromMessage || (t !== 6 && t !== 7));
  if (!allowed.includes(type)) {
    const detail = `callback type ${type} is not valid for interaction type ${record.type}`;
    ctx.recorder.violations.push({ rule: 'type', detail, method: req.method, path: req.path });
    return apiError(400, 50035, 'Invalid Form Body');
  }
  const problems: Problem[] =
    type === 4 || type === 7
      ? checkMessage(data)
      : type === 9
        ? checkModal(data)
        : type === 8
          ? checkChoices(data)
          : [];
  return violate(ctx, req, problems) ?? checkFileSizes(ctx, req);
}

function apply(
  ctx: FakeContext,
  req: RestRequest,
  record: InteractionRecord,
  type: number,
  data: JsonObject,
): StoredMessage | undefined {
  const flags = typeof data.flags === 'number' ? data.flags : 0;
  if (type === 4 || type === 5) {
    const body = type === 4 ? data : { content: '', flags: (flags & 64) | 128 };
    const message = ctx.state.createMessage({
      channelId: record.channelId,
      author: ctx.bot,
      body,
      files: type === 4 ? req.files : [],
      webhookId: ctx.applicationId,
      applicationId: ctx.applicationId,
      interactionMetadata: metadata(record),
      interactionId: record.id,
    });
    record.originalId = message.id;
    record.loading = type === 5;
    return message;
  }
  if (type === 9) record.modal = data;
  if (type !== 6 && type !== 7) return undefined;
  const source = ctx.state.messages.get(String((record.payload.message as JsonObject).id));
  if (source && type === 7) ctx.state.editMessage(source, data, req.files);
  record.originalId = source?.id ?? null;
  return source;
}

export function metadata(record: InteractionRecord): JsonObject {
  const member = record.payload.member as JsonObject | undefined;
  const user = (record.payload.user ?? member?.user) as Json;
  return {
    id: record.id,
    type: record.type,
    user: user ?? userObject({ id: '0', username: 'unknown' }),
    authorizing_integration_owners: record.payload.authorizing_integration_owners ?? {},
  };
}

function callbackResponse(
  record: InteractionRecord,
  type: number,
  message: StoredMessage | undefined,
): Json {
  return {
    interaction: {
      id: record.id,
      type: record.type,
      response_message_id: message?.id ?? null,
      response_message_loading: type === 5,
      response_message_ephemeral: message?.ephemeral ?? false,
    },
    resource: message ? { type, message: message.data } : { type },
  };
}
