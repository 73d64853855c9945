/** How neutral actions, option values and modal state travel through Slack's ids and fields. */
import { createHash } from 'node:crypto';

/** `action|value|suffix`: Slack sends the action_id back, and it must be unique per surface. */
export function actionId(action: string, value: string, suffix: string | number): string {
  return `${action}|${value}|${suffix}`;
}

export function readActionId(id: string): { action: string; value: string } | undefined {
  const first = id.indexOf('|');
  const last = id.lastIndexOf('|');
  if (first <= 0 || last === first) return undefined;
  return { action: id.slice(0, first), value: id.slice(first + 1, last) };
}

const OPTION_VALUE_MAX = 75;
const LONG_VALUES_KEPT = 10_000;
/** Option values over Slack's 75 characters travel as `~hash`; kept here to read them back. */
const longValues = new Map<string, string>();

export function optionValue(value: string): string {
  if (value.length <= OPTION_VALUE_MAX && !value.startsWith('~')) return value;
  const key = `~${createHash('sha256').update(value).digest('base64url').slice(0, 22)}`;
  longValues.delete(key);
  longValues.set(key, value);
  if (longValues.size > LONG_VALUES_KEPT) {
    const oldest = longValues.keys().next().value;
    if (oldest !== undefined) longValues.delete(oldest);
  }
  return key;
}

export function readOptionValue(value: string): string {
  return value.startsWith('~') ? (longValues.get(value) ?? value) : value;
}

/** An input block's id: the form field's name, under a prefix so steps never share state. */
export function inputBlockId(formAction: string, field: string): string {
  return `in:${formAction}:${field}`;
}

export function fieldOfBlockId(blockId: string): string | undefined {
  if (!blockId.startsWith('in:')) return undefined;
  return blockId.slice(blockId.lastIndexOf(':') + 1);
}

/** What a modal carries between interactions, in private_metadata (3000 characters). */
export interface ModalState {
  /** The form's action and value, answered on submit. */
  action?: string;
  value?: string;
  /** Where results go: the channel the wizard started in, and its thread if any. */
  channel?: string;
  thread?: string;
}

export function writeModalState(state: ModalState): string {
  return JSON.stringify({ a: state.action, v: state.value, c: state.channel, t: state.thread });
}

export function readModalState(text: unknown): ModalState {
  if (typeof text !== 'string' || !text.startsWith('{')) return {};
  try {
    const raw = JSON.parse(text) as Record<string, unknown>;
    const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
    return { action: str(raw.a), value: str(raw.v), channel: str(raw.c), thread: str(raw.t) };
  } catch {
    return {};
  }
}
