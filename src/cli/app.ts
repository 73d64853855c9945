/** The app for one command-line command: built from the configuration, always closed after. */
import { type App, createApp } from '../app.js';
import { createLogger } from '../log.js';
import type { CliContext } from './command.js';
import { configOf } from './options.js';

export type { App };

/** Builds the app (nothing started), quiet unless JOBDECK_LOG_LEVEL asks for more. */
export function openApp(context: CliContext): Promise<App> {
  const level = context.io.env.JOBDECK_LOG_LEVEL ?? 'warn';
  return createApp(configOf(context), {
    logger: createLogger({ level, destination: context.io.stderr }),
    env: context.io.env,
    onCatalogProblem: (line) => context.err(`warning: ${line}`),
  });
}

/** Opens the app for one command and always closes it, whatever the command does. */
export async function withApp<T>(context: CliContext, use: (app: App) => Promise<T>): Promise<T> {
  const app = await openApp(context);
  try {
    return await use(app);
  } finally {
    await app.close();
  }
}
