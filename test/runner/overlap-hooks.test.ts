import { afterAll, describe, expect, it } from 'vitest';
import { createDefinition, type Overlap } from '../../src/jobs/definitions.js';
import { silentLogger } from '../../src/log.js';
import { Runner } from '../../src/runner/runner.js';
import { processesLeft, uniqueMarker } from '../setup/processes.js';
import { type Harness, makeRunner, testItem } from './harness.js';

const open: Harness[] = [];
afterAll(async () => {
  for (const h of open) await h.close();
});

async function harness(options: Partial<Parameters<typeof makeRunner>[0]> = {}) {
  const h = await makeRunner({ servers: [{ name: 'here', transport: 'local' }], ...options });
  open.push(h);
  return h;
}

function submit(h: Harness, command: string, extra: Record<string, unknown> = {}) {
  const request = { item: testItem(command), server: 'here', values: {}, actor: 't' };
  return h.runner.submit({ ...request, trigger: 'manual', ...extra });
}

async function definition(h: Harness, overlap: Overlap): Promise<number> {
  const item = testItem('true');
  const input = { item, parameters: {}, servers: ['here'], createdBy: 't', platform: 'cli' };
  return (await createDefinition(h.store.db, { ...input, overlap })).id;
}

describe('overlap of a definition', () => {
  it('skip: a run while one is running is recorded as skipped', async () => {
    const h = await harness();
    const definitionId = await definition(h, 'skip');
    const first = await submit(h, 'sleep 0.3', { definitionId });
    const second = await submit(h, 'echo overlap', { definitionId });
    const skipped = await second.done;
    expect(skipped).toMatchObject({
      status: 'skipped',
      definition_id: definitionId,
      error: `skipped: run ${first.runId} of this definition is still running on here`,
    });
    expect((await first.done).status).toBe('success');
    expect((await (await submit(h, 'echo later', { definitionId })).done).status).toBe('success');
  });

  it('skip and queue hold per server: a definition on two servers runs on both at once', async () => {
    const servers = [
      { name: 'here', transport: 'local' as const },
      { name: 'there', transport: 'local' as const },
    ];
    const h = await harness({ servers });
    for (const overlap of ['skip', 'queue'] as const) {
      const definitionId = await definition(h, overlap);
      const here = await submit(h, 'sleep 0.3', { definitionId });
      const there = await submit(h, 'sleep 0.3', { definitionId, server: 'there' });
      const again = await submit(h, 'echo again', { definitionId, server: 'there' });
      const [a, b, c] = await Promise.all([here.done, there.done, again.done]);
      expect([a.status, b.status]).toEqual(['success', 'success']);
      expect(b.started_at).toBeLessThan(a.finished_at ?? 0);
      if (overlap === 'skip') {
        expect(c).toMatchObject({ status: 'skipped', server_name: 'there' });
        expect(c.error).toBe(
          `skipped: run ${there.runId} of this definition is still running on there`,
        );
      } else {
        expect(c.status).toBe('success');
        expect(c.started_at).toBeGreaterThanOrEqual(b.finished_at ?? Infinity);
      }
    }
  });

  it('queue: a run waits until the running one finished', async () => {
    const h = await harness();
    const definitionId = await definition(h, 'queue');
    const first = await submit(h, 'sleep 0.3', { definitionId });
    const second = await submit(h, 'echo next', { definitionId });
    const [a, b] = await Promise.all([first.done, second.done]);
    expect(b.status).toBe('success');
    expect(b.started_at).toBeGreaterThanOrEqual(a.finished_at ?? Infinity);
  });

  it('allow: runs of the definition overlap', async () => {
    const h = await harness();
    const definitionId = await definition(h, 'allow');
    const runs = await Promise.all([1, 2].map(() => submit(h, 'sleep 0.3', { definitionId })));
    const [a, b] = await Promise.all(runs.map((r) => r.done));
    expect(b?.started_at).toBeLessThan(a?.finished_at ?? 0);
  });
});

describe('finish hooks', () => {
  it('run inside the transaction that writes the final status', async () => {
    const h = await harness({
      finishHooks: [
        async (trx, run) => {
          const row = await trx
            .selectFrom('runs')
            .select('status')
            .where('id', '=', run.id)
            .executeTakeFirstOrThrow();
          await trx
            .insertInto('settings')
            .values({ key: `hook:${run.id}`, value: `${run.status}/${row.status}` })
            .execute();
        },
      ],
    });
    const { runId, done } = await submit(h, 'exit 2');
    await done;
    const row = await h.store.db
      .selectFrom('settings')
      .selectAll()
      .where('key', '=', `hook:${runId}`)
      .executeTakeFirst();
    expect(row?.value).toBe('failure/failure');
  });

  it('a failing hook rolls back its writes but the run still ends', async () => {
    const h = await harness({
      finishHooks: [
        async (trx, run) => {
          await trx
            .insertInto('settings')
            .values({ key: `x:${run.id}`, value: '1' })
            .execute();
          throw new Error('outbox full');
        },
      ],
    });
    const { runId, done } = await submit(h, 'true');
    expect((await done).status).toBe('success');
    expect((await h.runner.store.get(runId))?.status).toBe('success');
    const rows = await h.store.db.selectFrom('settings').selectAll().execute();
    expect(rows).toEqual([]);
  });
});

describe('stopping runs', () => {
  it('a cancel from another process reaches the process running it', async () => {
    const h = await harness();
    const marker = uniqueMarker();
    const { runId, done } = await submit(h, `sh -c 'sleep 60; true' ${marker}`);
    const other = new Runner({
      db: h.store.db,
      executors: h.executors,
      runner: h.config.runner,
      dataDir: h.dir,
      logger: silentLogger(),
    });
    await new Promise((r) => setTimeout(r, 100));
    expect(await other.cancel(runId)).toBe(true);
    expect(await done).toMatchObject({ status: 'cancelled' });
    expect(await processesLeft(marker)).toEqual([]);
    expect(await other.cancel(runId)).toBe(false);
  });

  it('close() stops running runs and records them as interrupted', async () => {
    const h = await makeRunner({ servers: [{ name: 'here', transport: 'local' }] });
    const marker = uniqueMarker();
    const { done } = await submit(h, `echo go; sh -c 'sleep 60; true' ${marker}`);
    await new Promise((r) => setTimeout(r, 200));
    await h.close();
    expect(await done).toMatchObject({
      status: 'interrupted',
      error: 'jobdeck shut down while the run was running; it was stopped',
    });
    expect(await processesLeft(marker)).toEqual([]);
  });
});
