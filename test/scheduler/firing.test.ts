import { afterEach, describe, expect, it } from 'vitest';
import { isJobdeckError } from '../../src/errors.js';
import { deleteSchedule, updateSchedule } from '../../src/scheduler/manage.js';
import { Scheduler } from '../../src/scheduler/scheduler.js';
import { selectSchedule } from '../../src/scheduler/store.js';
import {
  addDefinition,
  type Fired,
  recorder,
  sleep,
  type TempDb,
  tempDb,
  waitFor,
} from './setup.js';

let temp: TempDb;
let scheduler: Scheduler | undefined;

afterEach(async () => {
  await scheduler?.stop();
  scheduler = undefined;
  await temp?.close();
});

async function started(fired: Fired[], syncInterval = 0): Promise<Scheduler> {
  temp = await tempDb();
  scheduler = new Scheduler({ db: temp.store.db, fire: recorder(fired), syncInterval });
  await scheduler.start();
  return scheduler;
}

const EVERY_SECOND = '*/1 * * * * *';
const NEVER_SOON = '0 0 1 1 *';

describe('Scheduler firing', () => {
  it('fires a seconds-field schedule once per due second and records the due time', async () => {
    const fired: Fired[] = [];
    const s = await started(fired);
    const definitionId = await addDefinition(temp.store);
    const schedule = await s.add({
      definitionId,
      cron: EVERY_SECOND,
      timezone: 'UTC',
      createdBy: 'test',
    });

    await waitFor(() => fired.length >= 2, 'two fires');
    const [first, second] = fired;
    expect(first?.scheduleId).toBe(schedule.id);
    expect(first!.dueAt % 1000).toBe(0);
    expect(second!.dueAt - first!.dueAt).toBe(1000);
    expect(first!.firedAt).toBeGreaterThanOrEqual(first!.dueAt);

    await s.stop();
    const row = await selectSchedule(temp.store.db, schedule.id);
    expect(row?.last_due_at).toBe(fired.at(-1)?.dueAt);
  });

  it('stops firing when paused and fires again after resume', async () => {
    const fired: Fired[] = [];
    const s = await started(fired);
    const definitionId = await addDefinition(temp.store);
    const { id } = await s.add({
      definitionId,
      cron: EVERY_SECOND,
      timezone: 'UTC',
      createdBy: 't',
    });
    await waitFor(() => fired.length >= 1, 'a first fire');

    const paused = await s.pause(id);
    const pausedAt = Date.now();
    expect(paused.enabled).toBe(0);
    expect(s.armedIds()).toEqual([]);
    await sleep(2200);
    expect(fired.filter((f) => f.dueAt > pausedAt)).toEqual([]);

    const resumedAt = Date.now();
    await s.resume(id);
    expect(s.armedIds()).toEqual([id]);
    await waitFor(() => fired.some((f) => f.dueAt > resumedAt), 'a fire after resume');
  });

  it('deletes a schedule: no timer, no row, and an unknown id is refused', async () => {
    const fired: Fired[] = [];
    const s = await started(fired);
    const definitionId = await addDefinition(temp.store);
    const { id } = await s.add({
      definitionId,
      cron: EVERY_SECOND,
      timezone: 'UTC',
      createdBy: 't',
    });
    await waitFor(() => fired.length >= 1, 'a first fire');

    await s.remove(id);
    const removedAt = Date.now();
    expect(s.armedIds()).toEqual([]);
    expect(await selectSchedule(temp.store.db, id)).toBeUndefined();
    await sleep(1500);
    expect(fired.filter((f) => f.dueAt > removedAt)).toEqual([]);

    const refused = await s.remove(id).catch((error: unknown) => error);
    expect(isJobdeckError(refused, 'schedule_unknown')).toBe(true);
  });

  it('applies a changed expression without a restart', async () => {
    const fired: Fired[] = [];
    const s = await started(fired);
    const definitionId = await addDefinition(temp.store);
    const { id } = await s.add({ definitionId, cron: NEVER_SOON, timezone: 'UTC', createdBy: 't' });

    await s.update(id, { cron: EVERY_SECOND });
    await waitFor(() => fired.length >= 1, 'a fire after the change');
    expect(fired[0]?.scheduleId).toBe(id);
  });

  it('picks up a schedule another process added, paused or deleted', async () => {
    const fired: Fired[] = [];
    const s = await started(fired, 100);
    const cli = await temp.open();
    const definitionId = await addDefinition(cli);
    const { id } = await s.add({ definitionId, cron: NEVER_SOON, timezone: 'UTC', createdBy: 't' });

    await updateSchedule(cli.db, id, { cron: EVERY_SECOND });
    await waitFor(() => fired.length >= 1, 'a fire after the other process changed it');

    await updateSchedule(cli.db, id, { enabled: false });
    await waitFor(() => s.armedIds().length === 0, 'the pause to be picked up');
    expect((await s.list())[0]).toMatchObject({ id, enabled: false, nextRunAt: null });

    await updateSchedule(cli.db, id, { enabled: true, cron: NEVER_SOON });
    await waitFor(() => s.armedIds().length === 1, 'the resume to be picked up');
    await deleteSchedule(cli.db, id);
    await waitFor(() => s.armedIds().length === 0, 'the delete to be picked up');
  });

  it('refuses an invalid expression with the reason', async () => {
    const s = await started([]);
    const definitionId = await addDefinition(temp.store);
    const refused = await s
      .add({ definitionId, cron: '0 25 * * *', timezone: 'UTC', createdBy: 't' })
      .catch((error: unknown) => error);
    expect(isJobdeckError(refused, 'schedule_invalid')).toBe(true);
    expect((refused as Error).message).toBe(
      'cron "0 25 * * *": hour field: 25 is out of range 0-23',
    );
  });
});
