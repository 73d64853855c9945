/** `jobdeck start` (what `npm start` runs) and `jobdeck console`: the bot process. */
import { createLogger } from '../log.js';
import { startJobdeck } from '../main.js';
import type { CliCommand, CliContext } from './command.js';
import { configOf } from './options.js';

async function serve(context: CliContext, consoleOnly: boolean): Promise<number> {
  const config = configOf(context);
  const interactive = Boolean((context.io.stdin as NodeJS.ReadStream).isTTY);
  const level =
    context.io.env.JOBDECK_LOG_LEVEL ?? (interactive || consoleOnly ? 'warn' : config.log_level);
  const logger = createLogger({ level, destination: context.io.stderr });
  const running = await startJobdeck(config, {
    logger,
    env: context.io.env,
    stdin: context.io.stdin as NodeJS.ReadStream,
    stdout: context.io.stdout,
    console: consoleOnly,
    warn: (line) => context.err(`warning: ${line}`),
  });
  const onSignal = (signal: string) => {
    logger.info({ signal }, 'stopping');
    void running.stop().then(() => process.exit(0));
  };
  process.once('SIGTERM', onSignal);
  if (!interactive) process.once('SIGINT', onSignal);
  try {
    await running.finished;
  } finally {
    process.off('SIGTERM', onSignal);
    process.off('SIGINT', onSignal);
    await running.stop();
  }
  return 0;
}

export const startCommand: CliCommand = {
  path: ['start'],
  usage: 'start',
  summary:
    'run the bot: chat platforms, scheduler, notifications ' +
    '(the console chat when no platform is configured)',
  run: (context) => serve(context, false),
};

export const consoleCommand: CliCommand = {
  path: ['console'],
  usage: 'console',
  summary: 'chat with jobdeck in this terminal (reads commands from a pipe too)',
  run: (context) => serve(context, true),
};
