/** Cron in words: a human description, the next runs in a zone, presets for the wizard. */
import cronstrue from 'cronstrue';
import { JobdeckError } from '../errors.js';
import { checkPattern, checkTimezone, cronFor, expandNickname } from './cron-check.js';

export type CronDescription =
  | { ok: true; description: string; next: Date[] }
  | { ok: false; error: string };

/**
 * Validates `expr` in `timezone`, describes it and lists its next `count` runs after `from`
 * (default now). An expression that can never run is refused too.
 */
export function describeCron(
  expr: string,
  timezone: string,
  count = 5,
  from?: Date,
): CronDescription {
  const zoneError = checkTimezone(timezone);
  if (zoneError) return { ok: false, error: zoneError };
  const pattern = expandNickname(expr);
  const problem = checkPattern(pattern);
  if (problem) return { ok: false, error: problem };

  const next = cronFor(pattern, timezone).nextRuns(Math.max(count, 1), from);
  if (next.length === 0) {
    return { ok: false, error: 'it never runs: no date matches all of its fields' };
  }
  return { ok: true, description: describePattern(pattern), next: next.slice(0, count) };
}

/** cronstrue's words; croner's `+` (day-of-month AND day-of-week) becomes cronstrue's option. */
function describePattern(pattern: string): string {
  const fields = pattern.split(/\s+/);
  const dowIndex = fields.length === 5 ? 4 : 5;
  const both = fields[dowIndex]?.startsWith('+') ?? false;
  if (both) fields[dowIndex] = fields[dowIndex]?.slice(1) ?? '*';
  try {
    return cronstrue.toString(fields.join(' '), {
      use24HourTimeFormat: true,
      throwExceptionOnParseError: true,
      logicalAndDayFields: both,
    });
  } catch {
    return `cron "${pattern}"`;
  }
}

export type PresetKind = 'hourly' | 'daily' | 'weekly' | 'monthly';

export interface Preset {
  kind: PresetKind;
  minute?: number;
  hour?: number;
  /** 0-6, Sunday is 0. */
  weekday?: number;
  /** Day of the month, 1-31. */
  day?: number;
}

/** The cron expression of a wizard preset; minute and hour default to 0, weekday to Monday. */
export function presetCron(preset: Preset): string {
  const minute = inRange('minute', preset.minute ?? 0, 0, 59);
  const hour = inRange('hour', preset.hour ?? 0, 0, 23);
  switch (preset.kind) {
    case 'hourly':
      return `${minute} * * * *`;
    case 'daily':
      return `${minute} ${hour} * * *`;
    case 'weekly':
      return `${minute} ${hour} * * ${inRange('weekday', preset.weekday ?? 1, 0, 6)}`;
    case 'monthly':
      return `${minute} ${hour} ${inRange('day', preset.day ?? 1, 1, 31)} * *`;
  }
}

function inRange(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new JobdeckError('schedule_invalid', `${name} must be a whole number ${min}-${max}`);
  }
  return value;
}

/** A run time as its zone's clock shows it: `Sun 2026-03-29 03:00 CEST` (seconds when set). */
export function formatInZone(date: Date, timezone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    weekday: 'short',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  const seconds = part('second') === '00' ? '' : `:${part('second')}`;
  const clock = `${part('hour')}:${part('minute')}${seconds}`;
  const day = `${part('year')}-${part('month')}-${part('day')}`;
  return `${part('weekday')} ${day} ${clock} ${zoneName(date, timezone)}`;
}

/** The zone's abbreviation where one locale knows it (CEST, EDT), else its offset (GMT+9). */
function zoneName(date: Date, timezone: string): string {
  const names = ['en-GB', 'en-US'].map(
    (locale) =>
      new Intl.DateTimeFormat(locale, { timeZone: timezone, timeZoneName: 'short' })
        .formatToParts(date)
        .find((p) => p.type === 'timeZoneName')?.value ?? timezone,
  );
  return names.find((name) => !name.startsWith('GMT')) ?? names[0] ?? timezone;
}
