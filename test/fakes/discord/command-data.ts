/** The `data` of a slash command or autocomplete interaction, typed by the registered command. */
import { snowflake } from './ids.js';
import { objects } from './limits-message.js';
import type { FakeState } from './state.js';
import type { Json, JsonObject } from './types.js';

export type OptionValue = string | number | boolean;

export interface CommandInput {
  subcommand?: string;
  group?: string;
  options?: Record<string, OptionValue>;
}

const SUBCOMMAND = 1;
const GROUP = 2;

/**
 * Builds `data` as Discord would for what the user typed. With the command registered, option
 * types come from the registration and a name it lacks is a test error; without it (when the
 * fake allows that) types follow the JavaScript values.
 */
export function commandData(
  state: FakeState,
  name: string,
  input: CommandInput,
  guildId: string | null,
  focused?: string,
): JsonObject {
  const command = findCommand(state, name, guildId);
  const registered = command !== undefined;
  const top = objects(command?.options);
  const level = input.subcommand
    ? nested(name, top, input.group, input.subcommand, registered)
    : top;
  const leaf = Object.entries(input.options ?? {}).map(([key, value]) =>
    option(key, value, level, registered, key === focused),
  );
  if (registered && focused === undefined) checkRequired(name, level, leaf);
  let options: Json[] = leaf;
  if (input.subcommand) options = [{ type: SUBCOMMAND, name: input.subcommand, options: leaf }];
  if (input.group) options = [{ type: GROUP, name: input.group, options }];
  const data: JsonObject = { id: String(command?.id ?? snowflake()), name, type: 1, options };
  if (typeof command?.guild_id === 'string') data.guild_id = command.guild_id;
  return data;
}

export function findCommand(
  state: FakeState,
  name: string,
  guildId: string | null,
): JsonObject | undefined {
  const lists = [guildId ? state.commands.get(guildId) : undefined, state.commands.get('global')];
  for (const list of lists) {
    const found = list?.find((c) => c.name === name && (c.type ?? 1) === 1);
    if (found) return found;
  }
  return undefined;
}

function nested(
  name: string,
  definitions: JsonObject[],
  group: string | undefined,
  subcommand: string,
  registered: boolean,
): JsonObject[] {
  let level = definitions;
  if (group) level = objects(level.find((d) => d.name === group && d.type === GROUP)?.options);
  const sub = level.find((d) => d.name === subcommand && d.type === SUBCOMMAND);
  if (registered && !sub) {
    throw new Error(`/${name} has no subcommand ${group ? `${group} ` : ''}${subcommand}`);
  }
  return objects(sub?.options);
}

function option(
  name: string,
  value: OptionValue,
  definitions: JsonObject[],
  registered: boolean,
  focused: boolean,
): JsonObject {
  const definition = definitions.find((d) => d.name === name);
  if (registered && !definition) throw new Error(`the command has no option "${name}"`);
  const type = typeof definition?.type === 'number' ? definition.type : inferType(value);
  if (focused) return { type, name, value: String(value), focused: true };
  const choices = objects(definition?.choices);
  if (choices.length > 0 && !choices.some((c) => c.value === value)) {
    throw new Error(`option "${name}" only accepts its choices, not ${JSON.stringify(value)}`);
  }
  return { type, name, value: typed(type, value) };
}

function inferType(value: OptionValue): number {
  if (typeof value === 'boolean') return 5;
  if (typeof value === 'number') return Number.isInteger(value) ? 4 : 10;
  return 3;
}

function typed(type: number, value: OptionValue): Json {
  if (type === 4 || type === 10) return Number(value);
  if (type === 5) return value === true || value === 'true';
  return String(value);
}

function checkRequired(name: string, level: JsonObject[], leaf: JsonObject[]): void {
  const missing = level.filter((d) => d.required === true && !leaf.some((o) => o.name === d.name));
  if (missing.length > 0) {
    const names = missing.map((d) => String(d.name)).join(', ');
    throw new Error(`Discord would not send /${name} without its required options: ${names}`);
  }
}
