/** Validates a cron expression and a time zone, saying in words which field is wrong and why. */
import { Cron } from 'croner';

export const CRON_FORMAT = 'minute hour day-of-month month day-of-week';

const NICKNAMES: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

const FIVE = ['minute', 'hour', 'day-of-month', 'month', 'day-of-week'];

const RANGES: Readonly<Record<string, string>> = {
  second: '0-59',
  minute: '0-59',
  hour: '0-23',
  day: '1-31',
  nearestWeekdays: '1-31',
  month: '1-12',
  dayOfWeek: '0-7 (0 and 7 are Sunday)',
  year: '1-9999',
};

/** Croner stores day-of-month and month from 0, so its messages show one less than typed. */
const SHOWN_PLUS_ONE = new Set(['day', 'nearestWeekdays', 'month']);

/** `@daily` and friends as the five fields they stand for; anything else unchanged. */
export function expandNickname(expr: string): string {
  const trimmed = expr.trim();
  return NICKNAMES[trimmed.toLowerCase()] ?? trimmed;
}

/** Each Cron holds about 80 kB (a 10,000-entry year table): share them and keep a few. */
const CACHE_SIZE = 64;
const cache = new Map<string, Cron>();

/** A croner job for computing times only (it never runs anything), shared per pattern and zone. */
export function cronFor(pattern: string, timezone: string): Cron {
  const key = `${timezone} ${pattern}`;
  const cached = cache.get(key);
  cache.delete(key);
  const cron = cached ?? new Cron(pattern, { timezone, paused: true });
  cache.set(key, cron);
  const oldest = cache.keys().next().value;
  if (cache.size > CACHE_SIZE && oldest !== undefined) cache.delete(oldest);
  return cron;
}

/** An error message for an unknown time zone, or null when the zone is a valid IANA name. */
export function checkTimezone(timezone: string): string | null {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: timezone });
    return null;
  } catch {
    return `unknown time zone "${timezone}": use an IANA name such as Europe/Berlin or UTC`;
  }
}

/** An error message saying what is wrong with the (nickname-expanded) pattern, or null. */
export function checkPattern(pattern: string): string | null {
  if (pattern.toLowerCase() === '@reboot') {
    return '@reboot is not supported: a schedule needs times, such as @daily or "0 3 * * *"';
  }
  const fields = pattern.split(/\s+/).filter((field) => field !== '');
  if (fields.length < 5 || fields.length > 7) {
    return (
      `expected 5 fields "${CRON_FORMAT}" (or 6 with a seconds field first), ` +
      `got ${fields.length}: "${pattern}"`
    );
  }
  const whole = cronerError(pattern);
  if (whole === null) return null;
  const names = fieldNames(fields.length);
  for (const [index, field] of fields.entries()) {
    const alone = fields.map((other, i) => (i === index ? other : '*')).join(' ');
    const message = cronerError(alone);
    if (message !== null) return fieldMessage(names[index] ?? 'field', field, message);
  }
  return reword(whole, pattern);
}

function fieldNames(count: number): string[] {
  if (count === 5) return FIVE;
  if (count === 6) return ['second', ...FIVE];
  return ['second', ...FIVE, 'year'];
}

function cronerError(pattern: string): string | null {
  try {
    new Cron(pattern, { paused: true });
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

function fieldMessage(name: string, text: string, message: string): string {
  const range = /Invalid value for (\w+): (-?\d+)/.exec(message);
  if (range?.[1] && range[2] !== undefined) {
    const shown = Number(range[2]) + (SHOWN_PLUS_ONE.has(range[1]) ? 1 : 0);
    const where = String(shown) === text ? `${name} field` : `${name} field "${text}"`;
    return `${where}: ${shown} is out of range ${RANGES[range[1]] ?? ''}`.trim();
  }
  return `${name} field "${text}": ${reword(message, text)}`;
}

function reword(message: string, text: string): string {
  if (/illegal characters/.test(message)) {
    return `"${text}" is not valid here; write numbers, *, lists (1,5), ranges (1-5), steps (*/5)`;
  }
  if (/From value is larger than to value/.test(message)) {
    return 'a range must go from the smaller value to the larger one';
  }
  if (/nth weekday out of range/.test(message)) {
    return 'the number after # is the week of the month, 1-5 (or L for the last)';
  }
  if (/illegal stepping: 0/.test(message)) return 'a step of 0 never advances; use 1 or more';
  const steps = /steps cannot be greater than maximum value of part \((\d+)\)/.exec(message);
  if (steps) return `a step can be at most ${steps[1]}`;
  const plain = message.replace(/^CronPattern:\s*/, '');
  return `${plain} (expected "${CRON_FORMAT}")`;
}
