/** Interaction payloads of the wrong shape: found before anything reads them, never a crash. */
import type { Client } from 'discord.js';
import { INTERACTION } from './types.js';

type Json = Record<string, unknown>;

const isRecord = (v: unknown): v is Json =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';

function optionsProblem(options: unknown): string | undefined {
  if (options === undefined) return undefined;
  if (!Array.isArray(options) || !options.every((o) => isRecord(o) && isText(o.name)))
    return 'bad command options';
  return options.map((o: Json) => optionsProblem(o.options)).find(Boolean);
}

function componentsProblem(components: unknown): string | undefined {
  if (components === undefined) return undefined;
  if (!Array.isArray(components) || !components.every(isRecord)) return 'bad components';
  for (const c of components as Json[]) {
    const single = c.component === undefined ? undefined : [c.component];
    const inner = componentsProblem(c.components) ?? componentsProblem(single);
    if (inner) return inner;
  }
  return undefined;
}

/** Why this INTERACTION_CREATE cannot be read; undefined when its shape is sound. */
export function malformed(raw: unknown): string | undefined {
  if (!isRecord(raw) || !isText(raw.id) || !isText(raw.token)) return 'not an interaction';
  const user = isRecord(raw.member) ? raw.member.user : raw.user;
  if (!isRecord(user) || !isText(user.id)) return 'no user';
  const data = raw.data;
  if (raw.type === INTERACTION.command || raw.type === INTERACTION.autocomplete) {
    if (!isRecord(data) || !isText(data.name)) return 'no command';
    return optionsProblem(data.options);
  }
  if (raw.type !== INTERACTION.component && raw.type !== INTERACTION.modalSubmit)
    return 'unknown interaction type';
  if (!isRecord(data) || !isText(data.custom_id)) return 'no custom_id';
  if (data.values !== undefined && !Array.isArray(data.values)) return 'bad values';
  return componentsProblem(data.components);
}

/** Whether Discord would take an answer to it: an id and a token, of a type that has one. */
export function answerable(raw: unknown): raw is { id: string; token: string; type: number } {
  if (!isRecord(raw) || !isText(raw.id) || !isText(raw.token)) return false;
  return (
    raw.type === INTERACTION.command ||
    raw.type === INTERACTION.component ||
    raw.type === INTERACTION.modalSubmit
  );
}

/**
 * discord.js also builds its own objects from every INTERACTION_CREATE, which jobdeck never
 * reads (it answers the raw packet). That step costs CPU on every interaction and throws, as an
 * unhandled rejection that would end the process, on a malformed one; it is switched off.
 */
export function skipInteractionParsing(client: Client): void {
  const actions = (client as unknown as { actions?: Json }).actions;
  const action = actions?.InteractionCreate as { handle?: (data: unknown) => unknown } | undefined;
  if (action?.handle) action.handle = () => ({});
}
