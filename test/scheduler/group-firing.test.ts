import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDefinition } from '../../src/jobs/definitions.js';
import { savePolicy } from '../../src/notify/policies.js';
import { createSchedule } from '../../src/scheduler/manage.js';
import { json } from '../../src/store/db.js';
import type { RunGroup } from '../../src/store/tables.js';
import { makeTestApp, type TestApp } from '../support/app.js';
import { at } from './setup.js';

const CATALOG = `
categories:
  - { name: chores, display_name: Chores }
items:
  - name: tick
    display_name: Tick
    category: chores
    command: echo tick
`;

let t: TestApp;
beforeEach(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobdeck-sched-group-'));
  writeFileSync(join(dir, 'chores.yaml'), CATALOG);
  const channels = [{ name: 'ops', url: 'http://127.0.0.1:9', topic: 'ops' }];
  t = await makeTestApp({
    dir,
    servers: ['a', 'b', 'c'].map((name) => ({ name, transport: 'local' })),
    start: false,
    config: { catalog_dirs: [dir], notifications: { channels } },
  });
});
afterEach(() => t.close());

/** A definition of `tick` on the servers, telling `ops` whatever the outcome, and its schedule. */
async function scheduled(servers: string[]): Promise<number> {
  const { db } = t.app.store;
  const item = t.app.catalog.require('tick');
  const definition = await createDefinition(db, {
    item,
    parameters: {},
    servers,
    createdBy: 'test',
    platform: 'cli',
  });
  const policy = {
    definitionId: definition.id,
    on: 'both' as const,
    channels: ['ops'],
    templates: {},
    includeOutput: false,
    outputMaxLines: 20,
    tags: {},
    priority: {},
  };
  await savePolicy(db, policy, item);
  const input = { definitionId: definition.id, cron: '0 3 * * *', timezone: 'UTC', createdBy: 't' };
  return (await createSchedule(db, input)).id;
}

const runs = () => t.app.store.db.selectFrom('runs').selectAll().orderBy('id').execute();
const outbox = () => t.app.store.db.selectFrom('outbox').selectAll().orderBy('id').execute();
const groups = () => t.app.store.db.selectFrom('run_groups').selectAll().execute();

function nextGroupEnd(): Promise<RunGroup> {
  return new Promise((resolve) => {
    const off = t.app.groups.on((event) => {
      if (event.type !== 'finished') return;
      off();
      resolve(event.group);
    });
  });
}

describe('a schedule on several servers', () => {
  it('fires as one group with one notification counting the servers', async () => {
    const id = await scheduled(['a', 'b']);
    const ended = nextGroupEnd();
    const dueAt = at('2030-01-01T03:00:00Z');
    expect(await t.app.scheduler.fireDue(id, dueAt)).toBe(true);
    const group = await ended;
    expect(group).toMatchObject({ status: 'success', success_count: 2, failure_count: 0 });
    expect(group).toMatchObject({ trigger: 'schedule', actor: `schedule:${id}` });

    const all = await runs();
    expect(all.map((r) => [r.server_name, r.status, r.group_id]).sort()).toEqual([
      ['a', 'success', group.id],
      ['b', 'success', group.id],
    ]);
    expect(all.every((r) => r.schedule_id === id && r.due_at === dueAt)).toBe(true);
    expect(all.every((r) => r.trigger === 'schedule')).toBe(true);

    const notices = await outbox();
    expect(notices.map((n) => n.dedupe_key)).toEqual([`group:${group.id}:ops`]);
    const message = json.decode<{ body: string }>(notices[0]?.payload, { body: '' });
    expect(message.body).toContain('2 of 2 servers succeeded.');
  });

  it('stays a plain run, notified on its own, with a single server', async () => {
    const id = await scheduled(['c']);
    const finished = new Promise<number>((resolve) =>
      t.app.runner.on((event) => event.type === 'finished' && resolve(event.run.id)),
    );
    expect(await t.app.scheduler.fireDue(id, at('2030-01-01T03:00:00Z'))).toBe(true);
    const runId = await finished;
    const [run] = await runs();
    expect(run).toMatchObject({ id: runId, server_name: 'c', group_id: null, schedule_id: id });
    expect(await groups()).toEqual([]);
    expect((await outbox()).map((n) => n.dedupe_key)).toEqual([`run:${runId}:ops`]);
  });
});
