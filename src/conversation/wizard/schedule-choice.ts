/** Step 4's answers as a cron expression, each field checked with a message for that field. */
import type { CronPort } from '../ports.js';
import type { ScheduleChoice } from './sessions.js';

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const KINDS = ['now', 'hourly', 'daily', 'weekly', 'monthly', 'cron'] as const;

export function cronOf(choice: ScheduleChoice): string {
  const [hour, minute] = (choice.time ?? '03:00').split(':').map(Number);
  switch (choice.kind) {
    case 'hourly':
      return `${minute} * * * *`;
    case 'daily':
      return `${minute} ${hour} * * *`;
    case 'weekly':
      return `${minute} ${hour} * * ${WEEKDAYS.indexOf(choice.weekday ?? 'mon')}`;
    case 'monthly':
      return `${minute} ${hour} ${choice.day ?? '1'} * *`;
    default:
      return choice.cron ?? '';
  }
}

function text(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  return (Array.isArray(v) ? String(v[0] ?? '') : String(v ?? '')).trim();
}

export type ChoiceResult =
  | { ok: true; choice: ScheduleChoice }
  | { ok: false; errors: Record<string, string>; choice: ScheduleChoice };

/** Reads the schedule form; an invalid expression is an error on its own field. */
export function readScheduleForm(values: Record<string, unknown>, cron: CronPort): ChoiceResult {
  const kind = text(values, 'when') as ScheduleChoice['kind'];
  const choice: ScheduleChoice = {
    kind: KINDS.includes(kind) ? kind : 'now',
    time: text(values, 'time') || '03:00',
    weekday: text(values, 'weekday') || 'mon',
    day: text(values, 'day') || '1',
    cron: text(values, 'cron') || undefined,
    timezone: text(values, 'timezone') || 'UTC',
  };
  const errors: Record<string, string> = {};
  if (!KINDS.includes(kind)) errors.when = `Choose one of: ${KINDS.join(', ')}`;
  if (!/^([01]?\d|2[0-3]):[0-5]\d$/.test(choice.time ?? ''))
    errors.time = 'Time must look like 03:00 (24-hour clock)';
  if (!WEEKDAYS.includes(choice.weekday ?? ''))
    errors.weekday = `Day of week must be one of ${WEEKDAYS.join(', ')}`;
  const day = Number(choice.day);
  if (!Number.isInteger(day) || day < 1 || day > 31)
    errors.day = 'Day of month must be between 1 and 31';
  if (choice.kind === 'cron' && !choice.cron)
    errors.cron = 'Enter a cron expression, such as 0 3 * * 1-5';
  if (Object.keys(errors).length > 0 || choice.kind === 'now') {
    return Object.keys(errors).length > 0 ? { ok: false, errors, choice } : { ok: true, choice };
  }
  const described = cron.describe(cronOf(choice), choice.timezone, 1);
  if (!described.ok) {
    const field = /zone/i.test(described.error)
      ? 'timezone'
      : choice.kind === 'cron'
        ? 'cron'
        : 'time';
    return { ok: false, errors: { [field]: described.error }, choice };
  }
  return { ok: true, choice };
}
