import { afterEach, describe, expect, it } from 'vitest';
import { createSchedule } from '../../src/scheduler/manage.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { selectSchedule } from '../../src/scheduler/store.js';
import { addDefinition, at, type Fired, recorder, type TempDb, tempDb, waitFor } from './setup.js';

let temp: TempDb;
const schedulers: Scheduler[] = [];

afterEach(async () => {
  for (const s of schedulers.splice(0)) await s.stop();
  await temp?.close();
});

function scheduler(db: TempDb['store']['db'], fired: Fired[], by: string, now?: number) {
  const s = new Scheduler({
    db,
    fire: recorder(fired, by),
    syncInterval: 0,
    ...(now !== undefined && { now: () => now }),
  });
  schedulers.push(s);
  return s;
}

describe('no double fire', () => {
  it('two schedulers on one database file fire each due time once between them', async () => {
    temp = await tempDb();
    const other = await temp.open();
    const fired: Fired[] = [];
    const definitionId = await addDefinition(temp.store);
    await createSchedule(temp.store.db, {
      definitionId,
      cron: '*/1 * * * * *',
      timezone: 'UTC',
      createdBy: 't',
    });
    await scheduler(temp.store.db, fired, 'a').start();
    await scheduler(other.db, fired, 'b').start();

    await waitFor(() => new Set(fired.map((f) => f.dueAt)).size >= 3, 'three due times');
    for (const s of schedulers) await s.stop();
    const dueTimes = fired.map((f) => f.dueAt);
    expect(new Set(dueTimes).size).toBe(dueTimes.length);
  });

  it('the same due time claimed by two processes at once fires once', async () => {
    temp = await tempDb();
    const other = await temp.open();
    const fired: Fired[] = [];
    const definitionId = await addDefinition(temp.store);
    const { id } = await createSchedule(temp.store.db, {
      definitionId,
      cron: '0 * * * *',
      timezone: 'UTC',
      createdBy: 't',
    });
    const a = scheduler(temp.store.db, fired, 'a');
    const b = scheduler(other.db, fired, 'b');
    const dueAt = at('2030-01-01T10:00:00Z');

    const outcomes = await Promise.all([a.fireDue(id, dueAt), b.fireDue(id, dueAt)]);
    expect(outcomes.filter(Boolean)).toHaveLength(1);
    expect(fired).toHaveLength(1);
    expect(await a.fireDue(id, dueAt)).toBe(false);
    expect(await b.fireDue(id, at('2030-01-01T09:00:00Z'))).toBe(false);
    expect(fired).toHaveLength(1);
  });

  it('a restart does not run again a due time the previous process already fired', async () => {
    temp = await tempDb();
    const fired: Fired[] = [];
    const definitionId = await addDefinition(temp.store, at('2026-01-01T00:00:00Z'));
    const { id } = await createSchedule(
      temp.store.db,
      {
        definitionId,
        cron: '0 * * * *',
        timezone: 'UTC',
        missedPolicy: 'run-once',
        createdBy: 't',
      },
      at('2026-01-01T00:00:00Z'),
    );

    await scheduler(temp.store.db, fired, 'first', at('2026-01-01T01:00:30Z')).start();
    expect(fired.map((f) => [f.by, new Date(f.dueAt).toISOString()])).toEqual([
      ['first', '2026-01-01T01:00:00.000Z'],
    ]);
    await schedulers[0]?.stop();

    const restarted = await temp.open();
    await scheduler(restarted.db, fired, 'second', at('2026-01-01T01:00:40Z')).start();
    expect(fired).toHaveLength(1);
    expect((await selectSchedule(restarted.db, id))?.last_due_at).toBe(at('2026-01-01T01:00:00Z'));
  });
});
