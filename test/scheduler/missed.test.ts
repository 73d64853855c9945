import { afterEach, describe, expect, it } from 'vitest';
import { formatInZone } from '../../src/scheduler/describe.js';
import { createSchedule, type ScheduleInput } from '../../src/scheduler/manage.js';
import { describeMissed, type MissedRecord } from '../../src/scheduler/missed.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { listScheduleSummaries } from '../../src/scheduler/summary.js';
import { addDefinition, at, type Fired, recorder, type TempDb, tempDb } from './setup.js';

let temp: TempDb;
let running: Scheduler | undefined;

afterEach(async () => {
  await running?.stop();
  running = undefined;
  await temp?.close();
});

/** Creates the schedule at `created`, then starts a scheduler whose clock reads `now`. */
async function startAfterDowntime(
  input: Omit<ScheduleInput, 'definitionId' | 'createdBy'>,
  created: string,
  now: string,
): Promise<{ fired: Fired[]; missed: MissedRecord | null; lastDueAt: number | null }> {
  temp = await tempDb();
  const definitionId = await addDefinition(temp.store, at(created));
  await createSchedule(temp.store.db, { ...input, definitionId, createdBy: 't' }, at(created));
  const fired: Fired[] = [];
  running = new Scheduler({
    db: temp.store.db,
    fire: recorder(fired),
    now: () => at(now),
    syncInterval: 0,
  });
  await running.start();
  const [summary] = await listScheduleSummaries(temp.store.db, at(now));
  return { fired, missed: summary?.lastMissed ?? null, lastDueAt: summary?.lastDueAt ?? null };
}

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('missed runs at start-up', () => {
  it('skip (the default) records what was missed and runs nothing', async () => {
    const { fired, missed, lastDueAt } = await startAfterDowntime(
      { cron: '0 * * * *', timezone: 'UTC' },
      '2026-01-01T00:10:00Z',
      '2026-01-01T03:30:00Z',
    );
    expect(fired).toEqual([]);
    expect(missed).toMatchObject({ count: 3, capped: false, policy: 'skip', caughtUp: false });
    expect(iso(missed?.first)).toBe('2026-01-01T01:00:00.000Z');
    expect(iso(missed?.last)).toBe('2026-01-01T03:00:00.000Z');
    expect(iso(lastDueAt ?? undefined)).toBe('2026-01-01T03:00:00.000Z');
    expect(describeMissed(missed!, (ms) => formatInZone(new Date(ms), 'UTC'))).toBe(
      'missed 3 runs (first Thu 2026-01-01 01:00 UTC, last Thu 2026-01-01 03:00 UTC), skipped',
    );
  });

  it('run-once fires one catch-up run for the latest missed due time', async () => {
    const { fired, missed } = await startAfterDowntime(
      { cron: '0 * * * *', timezone: 'UTC', missedPolicy: 'run-once' },
      '2026-01-01T00:10:00Z',
      '2026-01-01T03:30:00Z',
    );
    expect(fired.map((f) => iso(f.dueAt))).toEqual(['2026-01-01T03:00:00.000Z']);
    expect(missed).toMatchObject({ count: 3, policy: 'run-once', caughtUp: true });
  });

  it('run-once skips when the latest missed due time is older than the maximum age', async () => {
    const { fired, missed } = await startAfterDowntime(
      { cron: '0 * * * *', timezone: 'UTC', missedPolicy: 'run-once', missedMaxAge: 600_000 },
      '2026-01-01T00:10:00Z',
      '2026-01-01T03:30:00Z',
    );
    expect(fired).toEqual([]);
    expect(missed).toMatchObject({ count: 3, policy: 'run-once', caughtUp: false });
  });

  it('nothing is missed when no due time passed', async () => {
    const { fired, missed } = await startAfterDowntime(
      { cron: '0 * * * *', timezone: 'UTC', missedPolicy: 'run-once' },
      '2026-01-01T00:10:00Z',
      '2026-01-01T00:50:00Z',
    );
    expect(fired).toEqual([]);
    expect(missed).toBeNull();
  });
});

const ZONE = 'Europe/Berlin';
const DAY = 86_400_000;

describe('DST in Europe/Berlin', () => {
  it('a 02:30 that does not exist (spring forward) runs once, at 03:00', async () => {
    const { fired, missed } = await startAfterDowntime(
      { cron: '30 2 * * *', timezone: ZONE, missedPolicy: 'run-once', missedMaxAge: DAY },
      '2026-03-28T12:00:00Z',
      '2026-03-29T12:00:00Z',
    );
    expect(missed?.count).toBe(1);
    expect(fired.map((f) => formatInZone(new Date(f.dueAt), 'Europe/Berlin'))).toEqual([
      'Sun 2026-03-29 03:00 CEST',
    ]);
  });

  it('a 02:30 that happens twice (fall back) runs once', async () => {
    const { fired, missed } = await startAfterDowntime(
      { cron: '30 2 * * *', timezone: ZONE, missedPolicy: 'run-once', missedMaxAge: DAY },
      '2026-10-24T12:00:00Z',
      '2026-10-25T12:00:00Z',
    );
    expect(missed?.count).toBe(1);
    expect(fired.map((f) => formatInZone(new Date(f.dueAt), 'Europe/Berlin'))).toEqual([
      'Sun 2026-10-25 02:30 CEST',
    ]);
  });
});
