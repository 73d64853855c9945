/** A batch of due times: claim them (one statement per due time), fire each claim, look ahead. */
import { setImmediate as yieldToIo } from 'node:timers/promises';
import type { Db } from '../store/db.js';
import type { Schedule } from '../store/tables.js';
import { claimDueTimes, recordNextRuns } from './store.js';
import type { DueEntry, Timeline } from './timeline.js';

/** A due time found this late is let go rather than fired (the process was stalled or asleep). */
const LATE_GRACE = 1000;
/** Next due times are computed in slices this big, letting I/O run in between. */
const SLICE = 100;
/** Ids per statement, well under SQLite's limit on bound values. */
const BATCH = 500;

/** Claims every due time and calls `fire` for each row claimed, as its statement commits. */
export async function claimAndFire(
  db: Db,
  due: DueEntry[],
  fire: (row: Schedule, dueAt: number) => void,
  onError: (error: unknown) => void,
): Promise<void> {
  const claims = [...groupBy(due, ({ dueAt }) => dueAt)].flatMap(([dueAt, entries]) =>
    chunks(ids(entries), BATCH).map(async (batch) => {
      for (const row of await claimDueTimes(db, batch, dueAt)) fire(row, dueAt);
    }),
  );
  for (const outcome of await Promise.allSettled(claims)) {
    if (outcome.status === 'rejected') onError(outcome.reason);
  }
}

/** Moves the fired entries to their next due time and records it for display. */
export async function lookAhead(db: Db, timeline: Timeline, due: DueEntry[]): Promise<void> {
  const memo = new Map<string, number | null>();
  for (let start = 0; start < due.length; start += SLICE) {
    if (start > 0) await yieldToIo();
    const after = Date.now() - LATE_GRACE;
    for (const { entry, dueAt } of due.slice(start, start + SLICE)) {
      timeline.advance(entry, Math.max(dueAt, after), memo);
    }
  }
  timeline.retime();
  for (const [nextAt, entries] of groupBy(due, ({ entry }) => entry.nextAt)) {
    for (const batch of chunks(ids(entries), BATCH)) await recordNextRuns(db, batch, nextAt);
  }
}

function ids(entries: DueEntry[]): number[] {
  return entries.map(({ entry }) => entry.row.id);
}

function groupBy<T, K>(items: T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function chunks<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
