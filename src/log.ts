/** pino loggers with a component name each and secrets redacted wherever they appear. */
import pino, { type Logger } from 'pino';
import { CENSOR, redactDeep } from './redact.js';

export type { Logger };

const REDACT = [
  'token',
  'password',
  'passphrase',
  'secret',
  'privateKey',
  'private_key',
  'authorization',
  'Authorization',
  '*.token',
  '*.password',
  '*.passphrase',
  '*.secret',
  '*.privateKey',
  '*.private_key',
  '*.authorization',
  '*.Authorization',
  'headers.authorization',
  '*.headers.authorization',
];

export interface LogOptions {
  level?: string;
  /** Where lines go; standard error by default, so standard output stays the command's. */
  destination?: NodeJS.WritableStream;
}

export function createLogger(options: LogOptions = {}): Logger {
  const level = options.level ?? process.env.JOBDECK_LOG_LEVEL ?? 'info';
  return pino(
    {
      level,
      redact: { paths: REDACT, censor: CENSOR },
      // The paths above are fast but one level deep; this catches the rest, at any depth.
      formatters: { log: redactDeep },
      base: undefined,
    },
    (options.destination ?? process.stderr) as pino.DestinationStream,
  );
}

/** A logger that writes nothing, for tests and quiet commands. */
export function silentLogger(): Logger {
  return pino({ level: 'silent' });
}
