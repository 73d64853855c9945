/**
 * Bolt's log lines into jobdeck's log. Bolt's debug lines (whole payloads, which can hold the
 * secrets typed into a modal) are dropped; its other lines keep their meaning.
 */
import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../log.js';

function line(parts: unknown[]): string {
  return parts.map((p) => (p instanceof Error ? p.message : String(p))).join(' ');
}

export function boltLogger(logger: Logger): BoltLogger {
  return {
    debug: () => undefined,
    info: (...parts) => logger.debug(line(parts)),
    warn: (...parts) => logger.warn(line(parts)),
    // Bolt reports a dropped socket as an error and then reconnects on its own.
    error: (...parts) => logger.warn(line(parts)),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}
