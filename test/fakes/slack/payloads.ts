/** Payloads shaped as Slack sends them: slash commands, block_actions, view_submission, events. */
import { randomUUID } from 'node:crypto';
import { actionJson, findElement, type InputValue, stateValues } from './state-values.js';
import type { Envelope, Json, StoredView } from './types.js';
import { topView } from './views.js';
import type { Workspace } from './workspace.js';

export const DEFAULT_USER = 'U0ALICE';
export const DEFAULT_CHANNEL = 'C0JOBS';

export interface SlashCommandInput {
  command?: string;
  text?: string;
  user?: string;
  channel?: string;
}

export interface BlockActionsInput {
  actionId: string;
  user?: string;
  /** A click in a message: the message's channel and ts. */
  channel?: string;
  messageTs?: string;
  /** A click in a modal: its view id. */
  viewId?: string;
  /** The clicked value: a button's value, a select's option value(s). */
  value?: InputValue;
  /** Values of the modal's other inputs, by action_id. */
  inputs?: Record<string, InputValue>;
}

export interface ViewSubmissionInput {
  user?: string;
  /** The submitted view; the user's top modal view when left out. */
  viewId?: string;
  /** Values by action_id; unlisted inputs keep their initial values. */
  inputs?: Record<string, InputValue>;
  /** Raw state.values, replacing what `inputs` would build. */
  values?: Record<string, Record<string, Json>>;
}

function team(ws: Workspace): Json {
  return { id: ws.identity.teamId, domain: ws.identity.teamDomain };
}

function user(ws: Workspace, id: string): Json {
  const name = ws.userName(id);
  return { id, username: name, name, team_id: ws.identity.teamId };
}

function interaction(ws: Workspace, type: string, userId: string): Json {
  return {
    type,
    user: user(ws, userId),
    api_app_id: ws.identity.appId,
    token: ws.identity.verificationToken,
    team: team(ws),
    enterprise: null,
    is_enterprise_install: false,
  };
}

export function envelope(type: Envelope['type'], payload: Json): Envelope {
  const base = { envelope_id: randomUUID(), type, payload };
  if (type === 'events_api') {
    return { ...base, accepts_response_payload: false, retry_attempt: 0, retry_reason: '' };
  }
  return { ...base, accepts_response_payload: true };
}

export function slashCommandPayload(ws: Workspace, input: SlashCommandInput): Json {
  const userId = input.user ?? DEFAULT_USER;
  const channel = input.channel ?? DEFAULT_CHANNEL;
  return {
    token: ws.identity.verificationToken,
    team_id: ws.identity.teamId,
    team_domain: ws.identity.teamDomain,
    channel_id: channel,
    channel_name: ws.channelName(channel),
    user_id: userId,
    user_name: ws.userName(userId),
    command: input.command ?? '/jobs',
    text: input.text ?? '',
    api_app_id: ws.identity.appId,
    is_enterprise_install: 'false',
    response_url: ws.issueResponseUrl({ channel, user: userId }),
    trigger_id: ws.issueTrigger(userId),
  };
}

function viewOrThrow(ws: Workspace, viewId: string | undefined, userId: string): StoredView {
  const view = viewId === undefined ? topView(ws, userId) : ws.views.get(viewId);
  if (!view) throw new Error(`fake Slack: no open view ${viewId ?? `for ${userId}`}`);
  return view;
}

export function blockActionsPayload(ws: Workspace, input: BlockActionsInput): Json {
  const userId = input.user ?? DEFAULT_USER;
  if (input.viewId !== undefined) return modalAction(ws, input, userId);
  const channel = input.channel ?? DEFAULT_CHANNEL;
  const message = ws.findMessage(channel, input.messageTs);
  if (!message) throw new Error(`fake Slack: no message ${channel}/${String(input.messageTs)}`);
  const found = findElement(message.blocks, input.actionId);
  if (!found) throw new Error(`fake Slack: no element ${input.actionId} in ${message.ts}`);
  const container: Json = {
    type: 'message',
    message_ts: message.ts,
    channel_id: channel,
    is_ephemeral: false,
  };
  if (message.thread_ts) container.thread_ts = message.thread_ts;
  return {
    ...interaction(ws, 'block_actions', userId),
    container,
    trigger_id: ws.issueTrigger(userId),
    channel: { id: channel, name: ws.channelName(channel) },
    message: ws.messageJson(message),
    state: { values: {} },
    response_url: ws.issueResponseUrl({ channel, user: userId, messageTs: message.ts }),
    actions: [actionJson(found, input.value)],
  };
}

function modalAction(ws: Workspace, input: BlockActionsInput, userId: string): Json {
  const view = viewOrThrow(ws, input.viewId, userId);
  const found = findElement(view.blocks, input.actionId);
  if (!found) throw new Error(`fake Slack: no element ${input.actionId} in view ${view.id}`);
  return {
    ...interaction(ws, 'block_actions', userId),
    container: { type: 'view', view_id: view.id },
    trigger_id: ws.issueTrigger(userId, view.id),
    view: { ...view, state: { values: stateValues(view, input.inputs) } },
    actions: [actionJson(found, input.value)],
  };
}

export function viewSubmissionPayload(ws: Workspace, input: ViewSubmissionInput): Json {
  const userId = input.user ?? DEFAULT_USER;
  const view = viewOrThrow(ws, input.viewId, userId);
  const values = input.values ?? stateValues(view, input.inputs);
  return {
    ...interaction(ws, 'view_submission', userId),
    trigger_id: ws.issueTrigger(userId, view.id),
    view: { ...view, state: { values } },
    response_urls: [],
  };
}

export function viewClosedPayload(ws: Workspace, input: { user?: string; viewId?: string }): Json {
  const userId = input.user ?? DEFAULT_USER;
  const view = viewOrThrow(ws, input.viewId, userId);
  return { ...interaction(ws, 'view_closed', userId), view, is_cleared: false };
}

/** An Events API callback; message events are also stored in their channel. */
export function eventPayload(ws: Workspace, event: Json): Json {
  const event_ts = ws.nextTs();
  const full: Json = { event_ts, ...event };
  if (full.type === 'message' && typeof full.channel === 'string') {
    const stored = ws.addMessage({
      channel: full.channel,
      thread_ts: typeof full.thread_ts === 'string' ? full.thread_ts : undefined,
      text: String(full.text ?? ''),
      blocks: [],
      user: String(full.user ?? DEFAULT_USER),
    });
    if (typeof full.ts === 'string') stored.ts = full.ts;
    else full.ts = stored.ts;
  }
  return {
    token: ws.identity.verificationToken,
    team_id: ws.identity.teamId,
    api_app_id: ws.identity.appId,
    event: full,
    type: 'event_callback',
    event_id: ws.nextId('Ev'),
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      {
        enterprise_id: null,
        team_id: ws.identity.teamId,
        user_id: ws.identity.botUserId,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    is_ext_shared_channel: false,
  };
}
