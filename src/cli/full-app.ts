/** The whole app for one command (workflows, multi-server runs), closed when the command ends. */
import { userInfo } from 'node:os';
import type { App } from '../app.js';
import { JobdeckError } from '../errors.js';
import { withApp } from './app.js';
import type { CliContext } from './command.js';
import { text } from './options.js';

/** Opens the app, runs `use`, sends the notifications it recorded, and closes it. */
export function withFullApp<T>(context: CliContext, use: (app: App) => Promise<T>): Promise<T> {
  return withApp(context, async (app) => {
    const result = await use(app);
    await app.outbox.drain();
    return result;
  });
}

export function cliActor(): string {
  return `cli:${userInfo().username}`;
}

/** `--notify a,b`, checked against the configured channels. */
export function notifyOption(context: CliContext, app: App): string[] | undefined {
  const raw = text(context, 'notify');
  if (raw === undefined) return undefined;
  const names = raw
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n !== '');
  const known = app.deliveries.names();
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0)
    throw new JobdeckError(
      'input_invalid',
      `no notification channel ${unknown.join(', ')}; channels: ${known.join(', ') || 'none'}`,
    );
  return names;
}

/** A positive whole number from the first word, or an error naming the usage. */
export function idArgument(context: CliContext, usage: string): number {
  const value = Number(context.args[0]);
  if (Number.isInteger(value) && value > 0) return value;
  throw new JobdeckError('input_invalid', `name the run by its number: jobdeck ${usage}`);
}

/** Stops `cancel` on Ctrl-C while `done` runs. */
export async function cancellable<T>(done: Promise<T>, cancel: () => unknown): Promise<T> {
  const interrupt = () => void cancel();
  process.once('SIGINT', interrupt);
  try {
    return await done;
  } finally {
    process.off('SIGINT', interrupt);
  }
}
