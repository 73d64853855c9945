/** Every command-line command, in the order `jobdeck --help` lists them. */
import type { CliCommand } from './command.js';
import { configCheck, configJsonSchema } from './config-commands.js';

export const commands: CliCommand[] = [configCheck, configJsonSchema];
