/** `jobdeck config check` and `jobdeck config schema`. */
import { z } from 'zod';
import { configSchema } from '../config/schema.js';
import { maskSecrets } from '../config/secrets.js';
import type { CliCommand } from './command.js';
import { configOf } from './options.js';

export const configCheck: CliCommand = {
  path: ['config', 'check'],
  usage: 'config check',
  summary: 'validate the configuration and print it, secrets masked',
  async run(context) {
    const config = configOf(context);
    context.err(
      config.source ? `${config.source}: valid` : 'no configuration file: using defaults',
    );
    context.out(JSON.stringify(maskSecrets(config), null, 2));
    return 0;
  },
};

export const configJsonSchema: CliCommand = {
  path: ['config', 'schema'],
  usage: 'config schema',
  summary: 'print the JSON Schema of jobdeck.yaml, for editors',
  async run(context) {
    const schema = z.toJSONSchema(configSchema, { io: 'input' });
    context.out(JSON.stringify({ title: 'jobdeck.yaml', ...schema }, null, 2));
    return 0;
  },
};
