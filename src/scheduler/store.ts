/** Schedule rows: plain queries, including the compare-and-set that claims a due time. */
import type { Db } from '../store/db.js';
import type { Schedule, SchedulesTable } from '../store/tables.js';

export type MissedPolicy = SchedulesTable['missed_policy'];

export interface NewScheduleRow {
  definitionId: number;
  name: string;
  cron: string;
  timezone: string;
  missedPolicy: MissedPolicy;
  missedMaxAge: number;
  enabled: boolean;
  nextRunAt: number | null;
  createdBy: string;
  now: number;
}

/** What a user may change; any change bumps `updated_at`, which running schedulers watch. */
export interface ScheduleChanges {
  name?: string;
  cron?: string;
  timezone?: string;
  missedPolicy?: MissedPolicy;
  missedMaxAge?: number;
  enabled?: boolean;
  nextRunAt?: number | null;
}

export async function insertSchedule(db: Db, row: NewScheduleRow): Promise<Schedule> {
  return db
    .insertInto('schedules')
    .values({
      definition_id: row.definitionId,
      name: row.name,
      cron: row.cron,
      timezone: row.timezone,
      enabled: row.enabled ? 1 : 0,
      missed_policy: row.missedPolicy,
      missed_max_age: row.missedMaxAge,
      next_run_at: row.nextRunAt,
      created_by: row.createdBy,
      created_at: row.now,
      updated_at: row.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function selectSchedule(db: Db, id: number): Promise<Schedule | undefined> {
  return db.selectFrom('schedules').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function selectSchedules(db: Db): Promise<Schedule[]> {
  return db.selectFrom('schedules').selectAll().orderBy('id').execute();
}

/** Changes whenever a schedule is added, changed or deleted: a cheap check before a full sync. */
export async function schedulesFingerprint(db: Db): Promise<string> {
  const row = await db
    .selectFrom('schedules')
    .select((eb) => [
      eb.fn.countAll<number>().as('count'),
      eb.fn.sum<number | null>('id').as('ids'),
      eb.fn.sum<number | null>('updated_at').as('updated'),
      eb.fn.max<number | null>('updated_at').as('latest'),
    ])
    .executeTakeFirst();
  return JSON.stringify(row ?? null);
}

export async function changeScheduleRow(
  db: Db,
  id: number,
  changes: ScheduleChanges,
  now: number,
): Promise<Schedule | undefined> {
  return db
    .updateTable('schedules')
    .set({
      ...(changes.name !== undefined && { name: changes.name }),
      ...(changes.cron !== undefined && { cron: changes.cron }),
      ...(changes.timezone !== undefined && { timezone: changes.timezone }),
      ...(changes.missedPolicy !== undefined && { missed_policy: changes.missedPolicy }),
      ...(changes.missedMaxAge !== undefined && { missed_max_age: changes.missedMaxAge }),
      ...(changes.enabled !== undefined && { enabled: changes.enabled ? 1 : 0 }),
      ...(changes.nextRunAt !== undefined && { next_run_at: changes.nextRunAt }),
      updated_at: now,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteScheduleRow(db: Db, id: number): Promise<boolean> {
  const result = await db.deleteFrom('schedules').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}

/**
 * Claims `dueAt` for enabled schedules: one statement (so one transaction) that moves each
 * row's `last_due_at` forward only if no one has acted on this or a later due time. Answers the
 * rows claimed; a missing id is owned by another process or an earlier fire, or was paused.
 */
export async function claimDueTimes(db: Db, ids: number[], dueAt: number): Promise<Schedule[]> {
  if (ids.length === 0) return [];
  return db
    .updateTable('schedules')
    .set({ last_due_at: dueAt })
    .where('id', 'in', ids)
    .where('enabled', '=', 1)
    .where((eb) => eb.or([eb('last_due_at', 'is', null), eb('last_due_at', '<', dueAt)]))
    .returningAll()
    .execute();
}

/** claimDueTimes for one schedule, optionally recording the next run and what was missed. */
export async function claimDueTime(
  db: Db,
  id: number,
  dueAt: number,
  extra: { nextRunAt?: number | null; lastMissed?: string | null } = {},
): Promise<Schedule | undefined> {
  return db
    .updateTable('schedules')
    .set({
      last_due_at: dueAt,
      ...(extra.nextRunAt !== undefined && { next_run_at: extra.nextRunAt }),
      ...(extra.lastMissed !== undefined && { last_missed: extra.lastMissed }),
    })
    .where('id', '=', id)
    .where('enabled', '=', 1)
    .where((eb) => eb.or([eb('last_due_at', 'is', null), eb('last_due_at', '<', dueAt)]))
    .returningAll()
    .executeTakeFirst();
}

/** Records the next run time for display; not a change that re-arms schedulers. */
export async function recordNextRun(db: Db, id: number, nextRunAt: number | null): Promise<void> {
  await db.updateTable('schedules').set({ next_run_at: nextRunAt }).where('id', '=', id).execute();
}

/** recordNextRun for many schedules that share the next run time. */
export async function recordNextRuns(
  db: Db,
  ids: number[],
  nextRunAt: number | null,
): Promise<void> {
  if (ids.length === 0) return;
  await db
    .updateTable('schedules')
    .set({ next_run_at: nextRunAt })
    .where('id', 'in', ids)
    .execute();
}
