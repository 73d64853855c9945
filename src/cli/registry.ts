/** Every command-line command, in the order `jobdeck --help` lists them. */
import { auditCommand } from './audit-commands.js';
import { catalogCommands } from './catalog-commands.js';
import { catalogTransferCommands } from './catalog-transfer-commands.js';
import type { CliCommand } from './command.js';
import { configCheck, configJsonSchema } from './config-commands.js';
import { groupCommands } from './group-commands.js';
import { notifyPreview, notifyTest } from './notify-commands.js';
import { runCommands } from './run-commands.js';
import { scheduleCommands } from './schedule-commands.js';
import { serverCommands } from './server-commands.js';
import { slackManifestCommand } from './slack-commands.js';
import { consoleCommand, startCommand } from './start-commands.js';
import { workflowCommands } from './workflow-commands.js';

export const commands: CliCommand[] = [
  startCommand,
  consoleCommand,
  configCheck,
  configJsonSchema,
  ...catalogCommands,
  ...catalogTransferCommands,
  ...runCommands,
  ...groupCommands,
  ...workflowCommands,
  ...scheduleCommands,
  ...serverCommands,
  notifyPreview,
  notifyTest,
  auditCommand,
  slackManifestCommand,
];
