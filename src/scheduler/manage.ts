/** Creating and changing schedules with validation; shared by the Scheduler and the CLI. */
import { JobdeckError } from '../errors.js';
import type { Db } from '../store/db.js';
import type { Schedule } from '../store/tables.js';
import { cronFor, expandNickname } from './cron-check.js';
import { describeCron } from './describe.js';
import {
  changeScheduleRow,
  deleteScheduleRow,
  insertSchedule,
  type MissedPolicy,
  type ScheduleChanges,
  selectSchedule,
} from './store.js';

export const DEFAULT_MISSED_MAX_AGE = 3_600_000;

export interface ScheduleInput {
  definitionId: number;
  cron: string;
  timezone: string;
  name?: string;
  missedPolicy?: MissedPolicy;
  /** How old a missed due time may be for `run-once` to still run it, in ms. */
  missedMaxAge?: number;
  enabled?: boolean;
  createdBy: string;
}

/** The first due time after `after`, or null when the expression never runs again. */
export function nextRunOf(cron: string, timezone: string, after: number): number | null {
  return cronFor(expandNickname(cron), timezone).nextRun(new Date(after))?.getTime() ?? null;
}

/** Throws `schedule_invalid` with the reason when the expression or zone is wrong. */
export function assertValidCron(cron: string, timezone: string): void {
  const described = describeCron(cron, timezone, 1);
  if (!described.ok) {
    throw new JobdeckError('schedule_invalid', `cron "${cron}": ${described.error}`);
  }
}

export async function requireSchedule(db: Db, id: number): Promise<Schedule> {
  const row = await selectSchedule(db, id);
  if (!row) throw unknown(id);
  return row;
}

export async function createSchedule(
  db: Db,
  input: ScheduleInput,
  now = Date.now(),
): Promise<Schedule> {
  assertValidCron(input.cron, input.timezone);
  assertMaxAge(input.missedMaxAge);
  const enabled = input.enabled ?? true;
  return insertSchedule(db, {
    definitionId: input.definitionId,
    name: input.name ?? input.cron,
    cron: input.cron.trim(),
    timezone: input.timezone,
    missedPolicy: input.missedPolicy ?? 'skip',
    missedMaxAge: input.missedMaxAge ?? DEFAULT_MISSED_MAX_AGE,
    enabled,
    nextRunAt: enabled ? nextRunOf(input.cron, input.timezone, now) : null,
    createdBy: input.createdBy,
    now,
  });
}

/** Applies user changes; a new expression or zone is validated and the next run recomputed. */
export async function updateSchedule(
  db: Db,
  id: number,
  changes: Omit<ScheduleChanges, 'nextRunAt'>,
  now = Date.now(),
): Promise<Schedule> {
  const current = await requireSchedule(db, id);
  const cron = changes.cron?.trim() ?? current.cron;
  const timezone = changes.timezone ?? current.timezone;
  assertValidCron(cron, timezone);
  assertMaxAge(changes.missedMaxAge);
  const enabled = changes.enabled ?? current.enabled === 1;
  const nextRunAt = enabled ? nextRunOf(cron, timezone, now) : null;
  const row = await changeScheduleRow(db, id, { ...changes, cron, nextRunAt }, now);
  if (!row) throw unknown(id);
  return row;
}

export async function setScheduleEnabled(
  db: Db,
  id: number,
  enabled: boolean,
  now = Date.now(),
): Promise<Schedule> {
  return updateSchedule(db, id, { enabled }, now);
}

export async function deleteSchedule(db: Db, id: number): Promise<void> {
  if (!(await deleteScheduleRow(db, id))) throw unknown(id);
}

function assertMaxAge(value: number | undefined): void {
  if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
    throw new JobdeckError('schedule_invalid', 'missed_max_age must be a whole number of ms >= 0');
  }
}

function unknown(id: number): JobdeckError {
  return new JobdeckError(
    'schedule_unknown',
    `no schedule with id ${id}; \`jobdeck schedule list\` shows them`,
  );
}
