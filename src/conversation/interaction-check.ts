/** Checks an Interaction from an adapter before anything acts on it: shape, sizes, valid text. */
import { fitScreen } from './fit.js';
import { problem } from './handlers/answers.js';
import type { Interaction } from './interaction.js';
import type { ConversationDeps } from './ports.js';
import type { Responder } from './responder.js';

/** Generous bounds: above what Slack and Discord send, far below what could hurt. */
export const INPUT_LIMITS = {
  id: 200,
  userId: 128,
  displayName: 256,
  roles: 500,
  place: 200,
  action: 255,
  value: 2000,
  text: 16_000,
  fields: 100,
  listItems: 100,
  total: 128_000,
} as const;

export type InteractionCheck =
  | { ok: true; interaction: Interaction }
  /** `answerable`: the actor is known, so the problem can be told to them. */
  | { ok: false; problem: string; answerable: boolean };

const PLATFORMS = ['slack', 'discord', 'console', 'api'];
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A problem with one string, or undefined when it is fine. */
function badText(value: unknown, name: string, max: number, optional = false): string | undefined {
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'string') return `${name} is not text`;
  if (value.length > max) return `${name} is too long (${value.length} characters, at most ${max})`;
  if (LONE_SURROGATE.test(value)) return `${name} is not valid UTF-8 text`;
  return undefined;
}

function actorProblem(actor: unknown): string | undefined {
  if (!isRecord(actor)) return 'no actor';
  if (typeof actor.platform !== 'string' || !PLATFORMS.includes(actor.platform))
    return 'unknown platform';
  if (!Array.isArray(actor.roles) || actor.roles.length > INPUT_LIMITS.roles) return 'bad roles';
  return (
    badText(actor.userId, 'user id', INPUT_LIMITS.userId) ??
    (actor.userId === '' ? 'empty user id' : undefined) ??
    badText(actor.displayName, 'display name', INPUT_LIMITS.displayName) ??
    actor.roles.map((r) => badText(r, 'role', INPUT_LIMITS.place)).find(Boolean)
  );
}

function valuesProblem(values: unknown): string | undefined {
  if (!isRecord(values)) return 'the form values are missing';
  const entries = Object.entries(values);
  if (entries.length > INPUT_LIMITS.fields) return 'the form has too many fields';
  let total = 0;
  for (const [name, value] of entries) {
    const list = Array.isArray(value) ? value : [value];
    if (list.length > INPUT_LIMITS.listItems) return `field ${name} has too many choices`;
    for (const one of list) {
      const bad = badText(one, `field ${name}`, INPUT_LIMITS.text);
      if (bad) return bad;
      total += (one as string).length;
    }
  }
  return total > INPUT_LIMITS.total ? 'the form is too large' : undefined;
}

function actionProblem(action: unknown): string | undefined {
  if (!isRecord(action)) return 'no action';
  if (action.kind === 'command') return badText(action.text, 'the command', INPUT_LIMITS.text);
  if (!['button', 'select', 'submit'].includes(String(action.kind))) return 'unknown action kind';
  const basic =
    badText(action.action, 'the action id', INPUT_LIMITS.action) ??
    badText(action.value, 'the action value', INPUT_LIMITS.value);
  if (basic) return basic;
  if (action.kind === 'select') {
    if (!Array.isArray(action.values) || action.values.length > INPUT_LIMITS.listItems)
      return 'the chosen values are missing';
    return action.values.map((v) => badText(v, 'a choice', INPUT_LIMITS.value)).find(Boolean);
  }
  return action.kind === 'submit' ? valuesProblem(action.values) : undefined;
}

function placeProblem(place: unknown): string | undefined {
  if (!isRecord(place)) return 'no place';
  for (const key of ['channelId', 'threadId', 'messageId']) {
    const bad = badText(place[key], key, INPUT_LIMITS.place, true);
    if (bad) return bad;
  }
  return undefined;
}

/** Whatever an adapter handed over, typed or not: an Interaction fit to act on, or why not. */
export function checkInteraction(raw: unknown): InteractionCheck {
  if (!isRecord(raw)) return { ok: false, problem: 'not an interaction', answerable: false };
  const unknownActor =
    badText(raw.id, 'interaction id', INPUT_LIMITS.id) ??
    (raw.id === '' ? 'empty interaction id' : undefined) ??
    actorProblem(raw.actor);
  if (unknownActor) return { ok: false, problem: unknownActor, answerable: false };
  const bad = placeProblem(raw.place) ?? actionProblem(raw.action);
  if (bad) return { ok: false, problem: bad, answerable: true };
  return { ok: true, interaction: raw as unknown as Interaction };
}

/** Logs a malformed interaction and, when its sender is known, tells them; never acts on it. */
export async function answerMalformed(
  deps: ConversationDeps,
  check: Extract<InteractionCheck, { ok: false }>,
  responder: Responder,
): Promise<void> {
  deps.logger.warn({ problem: check.problem }, 'malformed interaction ignored');
  if (!check.answerable) return;
  const answer = problem(
    'Could not read that',
    `jobdeck ignored it: ${check.problem}.`,
    `Try again, or start over with \`/${deps.commandName}\`.`,
  );
  await responder.show(fitScreen({ ...answer, visibility: 'user' })).catch(() => undefined);
}
