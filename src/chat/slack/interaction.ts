/** Slack payloads (slash command, block_actions, view_submission) as neutral Interactions. */
import { createHash } from 'node:crypto';
import type { Action, Interaction } from '../../conversation/interaction.js';
import { readSubmission } from './form.js';
import { type ModalState, readActionId, readModalState, readOptionValue } from './ids.js';
import { unescapeSlack } from './text.js';

type Json = Record<string, unknown>;

/** Where an interaction came from, as the responder needs it to answer in the right place. */
export interface Origin {
  user: string;
  /** The channel results go to. */
  channel?: string;
  /** The thread results go to when the interaction came from a modal started in one. */
  thread?: string;
  /** The message acted on. */
  message?: { ts: string; thread?: string; ephemeral: boolean };
  /** The modal view acted in or submitted. */
  view?: { id: string; previous?: string; state: ModalState };
  triggerId?: string;
  responseUrl?: string;
}

export interface Parsed {
  interaction: Interaction;
  origin: Origin;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});

/**
 * The same delivery twice (a redelivered envelope, a retried request) carries the same
 * trigger_id, so it is the interaction's id; a hash of the payload when there is none.
 */
function stableId(body: Json): string {
  const trigger = str(body.trigger_id);
  if (trigger) return trigger;
  return createHash('sha256').update(JSON.stringify(body)).digest('base64url').slice(0, 32);
}

function interactionOf(body: Json, origin: Origin, name: string, action: Action): Parsed {
  const interaction: Interaction = {
    id: stableId(body),
    actor: { platform: 'slack', userId: origin.user, displayName: name, roles: [] },
    place: {
      channelId: origin.channel,
      threadId: origin.message?.thread ?? origin.thread,
      messageId: origin.message?.ts,
    },
    action,
  };
  return { interaction, origin };
}

export function fromCommand(body: Json): Parsed {
  const user = String(body.user_id ?? '');
  const origin: Origin = {
    user,
    channel: str(body.channel_id),
    triggerId: str(body.trigger_id),
    responseUrl: str(body.response_url),
  };
  const text = unescapeSlack(String(body.text ?? '')).trim();
  return interactionOf(body, origin, str(body.user_name) ?? user, { kind: 'command', text });
}

function userOf(body: Json): { id: string; name: string } {
  const user = obj(body.user);
  const id = String(user.id ?? '');
  return { id, name: str(user.name) ?? str(user.username) ?? id };
}

function viewOrigin(body: Json): Origin['view'] {
  const view = obj(body.view);
  const id = str(view.id);
  if (!id) return undefined;
  const previous = str(view.previous_view_id);
  return { id, previous, state: readModalState(view.private_metadata) };
}

function actionOf(raw: Json): Action | undefined {
  const parsed = readActionId(String(raw.action_id ?? ''));
  if (!parsed) return undefined;
  const picked = [
    ...(raw.selected_option ? [obj(raw.selected_option)] : []),
    ...(Array.isArray(raw.selected_options) ? raw.selected_options.map(obj) : []),
  ].map((o) => readOptionValue(String(o.value ?? '')));
  if (String(raw.type ?? '').includes('select'))
    return { kind: 'select', ...parsed, values: picked };
  return { kind: 'button', ...parsed };
}

export function fromBlockAction(body: Json): Parsed | undefined {
  const raw = Array.isArray(body.actions) ? obj(body.actions[0]) : {};
  const action = actionOf(raw);
  if (!action) return undefined;
  const user = userOf(body);
  const view = viewOrigin(body);
  const container = obj(body.container);
  const message = obj(body.message);
  const ts = str(message.ts) ?? str(container.message_ts);
  const origin: Origin = {
    user: user.id,
    channel: view?.state.channel ?? str(obj(body.channel).id) ?? str(container.channel_id),
    thread: view?.state.thread,
    message: ts
      ? { ts, thread: str(message.thread_ts), ephemeral: container.is_ephemeral === true }
      : undefined,
    view,
    triggerId: str(body.trigger_id),
    responseUrl: str(body.response_url),
  };
  return interactionOf(body, origin, user.name, action);
}

export function fromSubmission(body: Json): Parsed | undefined {
  const view = viewOrigin(body);
  if (!view?.state.action) return undefined;
  const user = userOf(body);
  const values = readSubmission(obj(obj(obj(body.view).state).values) as never);
  const origin: Origin = {
    user: user.id,
    channel: view.state.channel,
    thread: view.state.thread,
    view,
    triggerId: str(body.trigger_id),
  };
  const action: Action = {
    kind: 'submit',
    action: view.state.action,
    value: view.state.value ?? '',
    values,
  };
  return interactionOf(body, origin, user.name, action);
}
