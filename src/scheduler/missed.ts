/** Missed runs: the due times that passed while jobdeck was down, and what the policy does. */
import type { Cron } from 'croner';
import type { Logger } from '../log.js';
import { type Db, json } from '../store/db.js';
import type { Schedule } from '../store/tables.js';
import { cronFor, expandNickname } from './cron-check.js';
import { claimDueTime } from './store.js';

/** Counting stops here, so a per-second schedule down for a week costs no more than this. */
export const MISSED_COUNT_CAP = 1000;

/** What `last_missed` holds (JSON). Times are epoch ms. */
export interface MissedRecord {
  count: number;
  /** True when there were at least `count` (counting stopped at the cap). */
  capped: boolean;
  first: number;
  last: number;
  policy: Schedule['missed_policy'];
  /** True when `run-once` ran the last one as a catch-up run. */
  caughtUp: boolean;
  decidedAt: number;
}

export type MissedDecision =
  | { kind: 'none' }
  | { kind: 'skip'; record: MissedRecord }
  | { kind: 'catch-up'; record: MissedRecord; dueAt: number };

/**
 * Decides at start-up. Due times count from the later of the last one acted on and the last
 * change (a paused or edited schedule owes nothing for the time before the change).
 */
export function decideMissed(schedule: Schedule, now: number): MissedDecision {
  if (schedule.enabled !== 1) return { kind: 'none' };
  const from = Math.max(schedule.last_due_at ?? schedule.created_at, schedule.updated_at);
  const cron = cronFor(expandNickname(schedule.cron), schedule.timezone);
  const found = dueTimesBetween(cron, from, now);
  if (!found) return { kind: 'none' };

  const fresh = now - found.last <= schedule.missed_max_age;
  const catchUp = schedule.missed_policy === 'run-once' && fresh;
  const record: MissedRecord = {
    ...found,
    policy: schedule.missed_policy,
    caughtUp: catchUp,
    decidedAt: now,
  };
  return catchUp ? { kind: 'catch-up', record, dueAt: found.last } : { kind: 'skip', record };
}

/**
 * Records what a schedule missed, claiming its last missed due time so no other process (or the
 * next start) counts it again. Answers the catch-up run to fire, if the policy wants one.
 */
export async function settleMissed(
  db: Db,
  row: Schedule,
  now: number,
  log: Logger,
): Promise<{ row: Schedule; dueAt: number } | null> {
  const decision = decideMissed(row, now);
  if (decision.kind === 'none') return null;
  log.info({ schedule: row.id, missed: decision.record }, 'missed runs');
  const dueAt = decision.record.last;
  const nextRunAt = cronFor(expandNickname(row.cron), row.timezone)
    .nextRun(new Date(now))
    ?.getTime();
  const claimed = await claimDueTime(db, row.id, dueAt, {
    nextRunAt: nextRunAt ?? null,
    lastMissed: json.encode(decision.record),
  });
  return claimed && decision.kind === 'catch-up' ? { row: claimed, dueAt } : null;
}

/** Due times in (from, now]: how many, the first and the last; null when there were none. */
export function dueTimesBetween(
  cron: Cron,
  from: number,
  now: number,
): { count: number; capped: boolean; first: number; last: number } | null {
  let count = 0;
  let first: number | null = null;
  let last: number | null = null;
  for (const due of cron.enumerate(new Date(from))) {
    const at = due.getTime();
    if (at > now) break;
    first ??= at;
    last = at;
    count += 1;
    if (count >= MISSED_COUNT_CAP) {
      last = lastDueUpTo(cron, now) ?? at;
      return { count, capped: true, first, last };
    }
  }
  if (first === null || last === null) return null;
  return { count, capped: false, first, last };
}

function lastDueUpTo(cron: Cron, now: number): number | null {
  const found = cron.previousRuns(2, new Date(now + 1)).map((d) => d.getTime());
  return found.find((at) => at <= now) ?? null;
}

/** A line for people: "missed 3 runs (first …, last …), skipped". */
export function describeMissed(record: MissedRecord, format: (at: number) => string): string {
  const count = record.capped ? `${record.count} or more` : String(record.count);
  const runs = record.count === 1 ? 'run' : 'runs';
  const span =
    record.count === 1
      ? format(record.last)
      : `first ${format(record.first)}, last ${format(record.last)}`;
  const outcome = record.caughtUp ? 'ran the last one once' : 'skipped';
  return `missed ${count} ${runs} (${span}), ${outcome}`;
}
