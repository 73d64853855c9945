/** Turns one value into shell text that the shell reads back as exactly that value. */
import { JobdeckError } from '../errors.js';

/** Where in the command a value lands: outside quotes, inside "…" or inside '…'. */
export type QuoteContext = 'plain' | 'double' | 'single';

const SAFE = /^[A-Za-z0-9_./:=@%+,-]+$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** True when the text cannot be handed to a process: a NUL byte or a lone UTF-16 surrogate. */
export function isUnpassable(value: string): boolean {
  return value.includes('\0') || LONE_SURROGATE.test(value);
}

/** Throws value_refused for text no process argument can carry. */
export function assertPassable(value: string, what: string): void {
  if (!isUnpassable(value)) return;
  throw new JobdeckError(
    'value_refused',
    `${what} contains a NUL byte or invalid UTF-8; refusing to pass it to a command`,
  );
}

/**
 * One POSIX sh word that reads back as `value`. Safe text stays bare; anything else is
 * single-quoted. A leading `-` or `=` is quoted too (zsh expands a bare `=word`); quoting
 * cannot stop a command reading `-x` as an option, which is what validation patterns are for.
 */
export function shellQuote(value: string): string {
  assertPassable(value, 'a value');
  if (SAFE.test(value) && !/^[-=]/.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** The value as it must be written at a place in the command with the given quoting. */
export function quoteFor(value: string, context: QuoteContext): string {
  assertPassable(value, 'a value');
  if (context === 'plain') return shellQuote(value);
  // Inside "…" only \ $ ` " keep a special meaning; escaping them leaves the rest literal.
  if (context === 'double') return value.replace(/[\\$`"]/g, '\\$&');
  // Inside '…' nothing is special but the closing quote: end, add an escaped ', reopen.
  return value.replaceAll("'", `'\\''`);
}
