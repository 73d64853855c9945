import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { requiredSuccesses, selectServers } from '../../src/jobs/groups/select.js';
import { json } from '../../src/store/db.js';
import { sharedSshd, sshServer } from '../setup/servers.js';
import { type Sshd, startSshd } from '../setup/sshd.js';
import { makeTestApp, type TestApp } from '../support/app.js';

/** Fails on the server whose sshd listens on `port`: SSH_CONNECTION ends with the server port. */
const CATALOG = `
categories:
  - { name: fleet, display_name: Fleet }
items:
  - name: fail_on_port
    display_name: Fail on one port
    category: fleet
    command: '[ "\${SSH_CONNECTION##* }" = {{port}} ] && { echo broken >&2; exit 7; }; echo fine'
    parameters:
      - { name: port, type: number, required: true }
`;

let extra: Sshd;
beforeAll(async () => {
  extra = await startSshd();
});
afterAll(() => extra.stop());

function fleet(): Record<string, unknown>[] {
  const shared = sharedSshd();
  return [
    ...['s1', 's2', 's3', 's4'].map((name) => sshServer(shared, { name, labels: ['fleet'] })),
    sshServer(extra, { name: 's5', labels: ['fleet'] }),
    { name: 'local', transport: 'local' },
  ];
}

let t: TestApp;
beforeEach(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobdeck-fleet-'));
  writeFileSync(join(dir, 'fleet.yaml'), CATALOG);
  const channels = [{ name: 'ops', url: 'http://127.0.0.1:9', topic: 'ops' }];
  t = await makeTestApp({
    servers: fleet(),
    start: false,
    config: { catalog_dirs: [dir], notifications: { channels } },
  });
});
afterEach(() => t.close());

async function startOnFleet(threshold?: string) {
  const known = (await t.app.servers.list()).map((s) => ({ name: s.name, labels: s.labels }));
  const selected = selectServers({ labels: ['fleet'] }, known);
  if (!selected.ok) throw new Error(selected.error);
  const required = requiredSuccesses(threshold, selected.servers.length);
  if (!required.ok) throw new Error(required.error);
  return t.app.groups.start({
    item: t.app.catalog.require('fail_on_port'),
    servers: selected.servers,
    values: { port: extra.port },
    actor: 'test:alice',
    trigger: 'manual',
    required: required.required,
    maxParallel: 2,
    notifyChannels: ['ops'],
  });
}

async function outbox() {
  return t.app.store.db.selectFrom('outbox').selectAll().orderBy('id').execute();
}

describe('a run on several servers', () => {
  it('reports 4 of 5 with one notification, and reruns only the failed server', async () => {
    const { groupId, done } = await startOnFleet();
    const group = await done;
    expect(group.status).toBe('failure');
    expect([group.success_count, group.failure_count]).toEqual([4, 1]);

    const runs = await t.app.store.db
      .selectFrom('runs')
      .selectAll()
      .where('group_id', '=', groupId)
      .execute();
    expect(runs.map((r) => [r.server_name, r.status]).sort()).toEqual([
      ['s1', 'success'],
      ['s2', 'success'],
      ['s3', 'success'],
      ['s4', 'success'],
      ['s5', 'failure'],
    ]);

    const notices = await outbox();
    expect(notices.map((n) => n.dedupe_key)).toEqual([`group:${groupId}:ops`]);
    const message = json.decode<{ title: string; body: string }>(notices[0]?.payload, {
      title: '',
      body: '',
    });
    expect(message.title).toBe('Fail on one port FAILED on s1, s2, s3, s4, s5');
    expect(message.body).toContain('4 of 5 servers succeeded.');
    expect(message.body).toMatch(/❌ s5 \(exit 7/);
    expect(message.body).toContain('Exit code: 7.');

    const again = await t.app.groups.rerunFailed(groupId, { actor: 'test:alice' });
    expect(again.servers).toEqual(['s5']);
    const second = await again.done;
    const rerun = await t.app.store.db
      .selectFrom('runs')
      .select(['server_name', 'trigger'])
      .where('group_id', '=', again.groupId)
      .execute();
    expect(rerun).toEqual([{ server_name: 's5', trigger: 'run-again' }]);
    expect(second.parent_group_id).toBe(groupId);
    expect(second.status).toBe('failure');
  });

  it('succeeds when a configured share of the servers succeeds', async () => {
    const { done } = await startOnFleet('80%');
    const group = await done;
    expect([group.required, group.success_count, group.status]).toEqual([4, 4, 'success']);
    const view = await t.app.groups.view(group.id);
    expect(view?.servers.map((s) => s.status)).toEqual([
      'success',
      'success',
      'success',
      'success',
      'failure',
    ]);
  });

  it('picks servers by name and label, and counts what must succeed', () => {
    const known = [
      { name: 'web1', labels: ['web'] },
      { name: 'web2', labels: ['web', 'eu'] },
      { name: 'db', labels: ['eu'] },
    ];
    expect(selectServers({ names: ['db'], labels: ['web'] }, known)).toEqual({
      ok: true,
      servers: ['db', 'web1', 'web2'],
    });
    expect(selectServers({ names: ['wbe1'] }, known)).toEqual({
      ok: false,
      error: 'no server named "wbe1"; did you mean web1?',
    });
    expect(selectServers({ labels: ['us'] }, known)).toMatchObject({ ok: false });
    expect(requiredSuccesses('all', 5)).toEqual({ ok: true, required: 5 });
    expect(requiredSuccesses('3', 5)).toEqual({ ok: true, required: 3 });
    expect(requiredSuccesses('50%', 5)).toEqual({ ok: true, required: 3 });
    expect(requiredSuccesses('6', 5)).toMatchObject({ ok: false });
  });
});
