/**
 * The /jobs application command, generated from commands/jobs.yaml, registered at start only
 * when what Discord holds differs (per guild when guild ids are configured, else globally).
 */
import { isDeepStrictEqual } from 'node:util';
import { Routes } from 'discord.js';
import { type CommandOption, commandTree } from '../../conversation/commands.js';
import type { Logger } from '../../log.js';
import type { DiscordRest } from './types.js';

const OPTION_TYPE: Record<CommandOption['type'], number> = { string: 3, integer: 4, boolean: 5 };
const SUBCOMMAND = 1;

interface OptionShape {
  type: number;
  name: string;
  description: string;
  required?: boolean;
  autocomplete?: boolean;
  options?: OptionShape[];
}

export interface CommandShape {
  name: string;
  description: string;
  type: number;
  options: OptionShape[];
}

function option(o: CommandOption): OptionShape {
  const shape: OptionShape = {
    type: OPTION_TYPE[o.type],
    name: o.name,
    description: o.description,
    required: o.required,
  };
  if (o.autocomplete) shape.autocomplete = true;
  return shape;
}

/** The registration payload for the command `name` (Discord wants required options first). */
export function commandPayload(name: string): CommandShape {
  const tree = commandTree();
  return {
    name,
    description: tree.description,
    type: 1,
    options: tree.subcommands.map((sub) => ({
      type: SUBCOMMAND,
      name: sub.name,
      description: sub.description,
      options: [
        ...sub.options.filter((o) => o.required),
        ...sub.options.filter((o) => !o.required),
      ].map(option),
    })),
  };
}

/** Only what registration sets, with Discord's defaults filled in, for comparing. */
function normalOption(o: Partial<OptionShape>): unknown {
  return {
    type: o.type,
    name: o.name,
    description: o.description,
    required: o.required ?? false,
    autocomplete: o.autocomplete ?? false,
    options: (o.options ?? []).map(normalOption),
  };
}

function normalCommand(c: Partial<CommandShape>): unknown {
  return {
    name: c.name,
    description: c.description,
    type: c.type ?? 1,
    options: (c.options ?? []).map(normalOption),
  };
}

export function sameCommands(held: unknown, wanted: CommandShape[]): boolean {
  if (!Array.isArray(held)) return false;
  return isDeepStrictEqual(held.map(normalCommand), wanted.map(normalCommand));
}

/** Registers the command where it differs; answers the scopes it wrote. */
export async function syncCommands(
  rest: DiscordRest,
  applicationId: string,
  guildIds: readonly string[],
  command: CommandShape,
  logger: Logger,
): Promise<string[]> {
  const scopes = guildIds.length > 0 ? [...guildIds] : ['global'];
  const written: string[] = [];
  for (const scope of scopes) {
    const route =
      scope === 'global'
        ? Routes.applicationCommands(applicationId)
        : Routes.applicationGuildCommands(applicationId, scope);
    if (sameCommands(await rest.get(route), [command])) continue;
    await rest.put(route, { body: [command] });
    written.push(scope);
  }
  if (written.length > 0)
    logger.info({ scopes: written, command: command.name }, 'registered Discord command');
  else logger.debug({ command: command.name }, 'Discord command already registered');
  return written;
}
