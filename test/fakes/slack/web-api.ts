/** The Web API methods jobdeck calls, answered from and applied to the fake workspace. */
import { messageViolations } from './limits.js';
import type { Json, StoredFile } from './types.js';
import { openView, pushView, updateView } from './views.js';
import { normalizeBlocks, type Workspace } from './workspace.js';

export interface MethodContext {
  ws: Workspace;
  args: Json;
  /** Issues a one-use Socket Mode URL (apps.connections.open). */
  socketUrl: () => string;
}

type Handler = (ctx: MethodContext) => Json;

function fail(error: string, messages?: string[]): Json {
  return messages ? { ok: false, error, response_metadata: { messages } } : { ok: false, error };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** Records the limits a message breaks; answers the error Slack gives for a hard one. */
function messageError(ws: Workspace, where: string, args: Json): Json | undefined {
  const found = messageViolations(where, args);
  ws.violations.push(...found);
  if (found.some((v) => v.rule === 'no_text')) return fail('no_text');
  const hard = found.filter((v) => v.rule !== 'text_length');
  return hard.length > 0
    ? fail(
        'invalid_blocks',
        hard.map((v) => v.detail),
      )
    : undefined;
}

const postMessage: Handler = ({ ws, args }) => {
  const channel = str(args.channel);
  if (!channel) return fail('channel_not_found');
  const refused = messageError(ws, 'chat.postMessage', args);
  if (refused) return refused;
  const message = ws.addMessage({
    channel,
    thread_ts: str(args.thread_ts),
    text: String(args.text ?? '').slice(0, 40_000),
    blocks: normalizeBlocks(args.blocks, ws),
    user: ws.identity.botUserId,
    bot_id: ws.identity.botId,
  });
  return { ok: true, channel, ts: message.ts, message: ws.messageJson(message) };
};

const update: Handler = ({ ws, args }) => {
  const message = ws.findMessage(args.channel, args.ts);
  if (!message) return fail('message_not_found');
  const refused = messageError(ws, 'chat.update', {
    text: args.text ?? message.text,
    blocks: args.blocks ?? message.blocks,
  });
  if (refused) return refused;
  if (args.text !== undefined) message.text = String(args.text);
  if (args.blocks !== undefined) message.blocks = normalizeBlocks(args.blocks, ws);
  message.edits.push({ text: args.text, blocks: args.blocks, edited_ts: ws.nextTs() });
  const json = ws.messageJson(message);
  return { ok: true, channel: message.channel, ts: message.ts, text: message.text, message: json };
};

const postEphemeral: Handler = ({ ws, args }) => {
  const channel = str(args.channel);
  const user = str(args.user);
  if (!channel) return fail('channel_not_found');
  if (!user) return fail('user_not_in_channel');
  const refused = messageError(ws, 'chat.postEphemeral', args);
  if (refused) return refused;
  const blocks = normalizeBlocks(args.blocks, ws);
  const text = String(args.text ?? '');
  ws.ephemerals.push({
    channel,
    user,
    text,
    blocks,
    thread_ts: str(args.thread_ts),
    via: 'chat.postEphemeral',
  });
  return { ok: true, message_ts: ws.nextTs() };
};

const getPermalink: Handler = ({ ws, args }) => {
  const message = ws.findMessage(args.channel, args.message_ts);
  if (!message) return fail('message_not_found');
  const path = `archives/${message.channel}/p${message.ts.replace('.', '')}`;
  return {
    ok: true,
    channel: message.channel,
    permalink: `https://${ws.identity.teamDomain}.slack.com/${path}`,
  };
};

const viewsOpen: Handler = ({ ws, args }) => {
  const trigger = ws.useTrigger(args.trigger_id);
  if (!trigger.ok) return fail(trigger.error, ['invalid `trigger_id`']);
  const result = openView(ws, trigger.user, args.view);
  return result.ok ? result : fail(result.error);
};

const viewsPush: Handler = ({ ws, args }) => {
  const trigger = ws.useTrigger(args.trigger_id);
  if (!trigger.ok) return fail(trigger.error, ['invalid `trigger_id`']);
  if (!trigger.viewId) return fail('invalid_arguments', ['trigger_id is not from a modal']);
  const result = pushView(ws, 'views.push', trigger.viewId, args.view);
  return result.ok ? result : fail(result.error);
};

const viewsUpdate: Handler = ({ ws, args }) => {
  const target = { viewId: args.view_id, externalId: args.external_id, hash: args.hash };
  const result = updateView(ws, 'views.update', target, args.view);
  return result.ok ? result : fail(result.error);
};

const getUploadUrl: Handler = ({ ws, args }) => {
  const filename = str(args.filename);
  const length = Number(args.length);
  if (!filename || !Number.isInteger(length) || length < 1) return fail('invalid_arguments');
  const id = ws.nextId('F');
  ws.files.set(id, { id, filename, length, completed: false });
  return { ok: true, upload_url: `${ws.baseUrl}/upload/${id}`, file_id: id };
};

function fileJson(ws: Workspace, file: StoredFile): Json {
  return {
    id: file.id,
    name: file.filename,
    title: file.title ?? file.filename,
    size: file.content?.length ?? 0,
    user: ws.identity.botUserId,
    permalink: `https://${ws.identity.teamDomain}.slack.com/files/${file.id}`,
  };
}

const completeUpload: Handler = ({ ws, args }) => {
  const entries = Array.isArray(args.files) ? (args.files as Json[]) : [];
  const files = entries.map((entry) => ws.files.get(String(entry.id)));
  if (entries.length === 0 || files.some((file) => !file?.content)) return fail('file_not_found');
  const channel = str(args.channel_id);
  for (const [index, file] of files.entries()) {
    Object.assign(file!, {
      title: str(entries[index]?.title),
      channel,
      thread_ts: str(args.thread_ts),
      initial_comment: str(args.initial_comment),
      completed: true,
    });
  }
  const json = files.map((file) => fileJson(ws, file!));
  if (channel) {
    const text = String(args.initial_comment ?? '');
    const thread_ts = str(args.thread_ts);
    const user = ws.identity.botUserId;
    ws.addMessage({ channel, thread_ts, text, blocks: [], user, files: json });
  }
  return { ok: true, files: json };
};

const usersInfo: Handler = ({ ws, args }) => {
  const user = ws.users.get(String(args.user));
  if (!user) return fail('user_not_found');
  const profile = { real_name: user.real_name, display_name: user.name };
  return { ok: true, user: { ...user, team_id: ws.identity.teamId, deleted: false, profile } };
};

const userGroupsList: Handler = ({ ws, args }) => {
  const withUsers = args.include_users === true || args.include_users === 'true';
  const usergroups = [...ws.userGroups.values()].map((group) => ({
    id: group.id,
    team_id: ws.identity.teamId,
    handle: group.handle,
    name: group.handle,
    user_count: group.users.length,
    ...(withUsers ? { users: [...group.users] } : {}),
  }));
  return { ok: true, usergroups };
};

const authTest: Handler = ({ ws }) => ({
  ok: true,
  url: `https://${ws.identity.teamDomain}.slack.com/`,
  team: 'jobdeck test',
  user: 'jobdeck',
  team_id: ws.identity.teamId,
  user_id: ws.identity.botUserId,
  bot_id: ws.identity.botId,
  is_enterprise_install: false,
});

export const METHODS: Readonly<Record<string, Handler>> = {
  'auth.test': authTest,
  'apps.connections.open': ({ socketUrl }) => ({ ok: true, url: socketUrl() }),
  'chat.postMessage': postMessage,
  'chat.update': update,
  'chat.postEphemeral': postEphemeral,
  'chat.getPermalink': getPermalink,
  'views.open': viewsOpen,
  'views.update': viewsUpdate,
  'views.push': viewsPush,
  'files.getUploadURLExternal': getUploadUrl,
  'files.completeUploadExternal': completeUpload,
  'users.info': usersInfo,
  'usergroups.list': userGroupsList,
};
