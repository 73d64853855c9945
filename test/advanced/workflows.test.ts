import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { shippedCatalogDir } from '../../src/catalog/catalog.js';
import { loadCatalog } from '../../src/catalog/load.js';
import { formatWorkflowProblem, readWorkflowText } from '../../src/jobs/workflows/read.js';
import { json } from '../../src/store/db.js';
import { makeTestApp, type TestApp } from '../support/app.js';

const CATALOG = `
categories:
  - { name: steps, display_name: Steps }
items:
  - { name: step_ok, display_name: Step OK, category: steps, command: echo ok }
  - { name: step_fail, display_name: Step fail, category: steps, command: echo failing; exit 3 }
  - name: step_say
    display_name: Step say
    category: steps
    command: echo {{msg}}
    parameters: [{ name: msg, type: string, required: true }]
  - { name: step_sleep, display_name: Step sleep, category: steps, command: sleep 30 }
`;

const WORKFLOWS = `
workflows:
  - name: deploy
    display_name: Deploy
    notify: { channels: [ops], on: both }
    steps:
      - { name: build, item: step_ok, servers: [local], on_success: test }
      - name: test
        item: step_fail
        servers: [local]
        on_success: release
        on_failure: rollback
      - { name: release, item: step_say, parameters: { msg: released }, servers: [local] }
      - name: rollback
        item: step_say
        parameters: { msg: rolled back }
        labels: [this machine]
  - name: slow
    display_name: Slow
    steps:
      - { name: wait, item: step_sleep, servers: [local], always: after }
      - { name: after, item: step_ok, servers: [local] }
`;

function catalogDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jobdeck-wf-'));
  writeFileSync(join(dir, 'steps.yaml'), CATALOG);
  mkdirSync(join(dir, 'workflows'));
  writeFileSync(join(dir, 'workflows', 'deploy.yaml'), WORKFLOWS);
  return dir;
}

let t: TestApp;
afterEach(() => t?.close());

async function app() {
  const channels = [{ name: 'ops', url: 'http://127.0.0.1:9', topic: 'ops' }];
  const servers = [{ name: 'local', transport: 'local', labels: ['this machine'] }];
  t = await makeTestApp({
    servers,
    start: false,
    config: { catalog_dirs: [catalogDir()], notifications: { channels } },
  });
  return t.app;
}

describe('workflows', () => {
  it('takes the failure path when the middle step fails, and notifies once', async () => {
    const { workflows, store } = await app();
    const { runId, done } = await workflows.start('deploy', { actor: 'test', trigger: 'manual' });
    expect((await done).status).toBe('failure');

    const view = await workflows.view(runId);
    expect(view?.steps.map((s) => [s.name, s.status])).toEqual([
      ['build', 'success'],
      ['test', 'failure'],
      ['release', 'not run'],
      ['rollback', 'success'],
    ]);
    const runs = await store.db
      .selectFrom('runs')
      .select(['step', 'item_name', 'output_tail', 'status'])
      .where('workflow_run_id', '=', runId)
      .orderBy('id')
      .execute();
    expect(runs.map((r) => r.step)).toEqual(['build', 'test', 'rollback']);
    expect(runs[2]?.output_tail).toBe('rolled back\n');

    const outbox = await store.db.selectFrom('outbox').selectAll().execute();
    expect(outbox.map((row) => row.dedupe_key)).toEqual([`workflow:${runId}:ops`]);
    const message = json.decode<{ title: string; body: string }>(outbox[0]?.payload, {
      title: '',
      body: '',
    });
    expect(message.title).toBe('Workflow Deploy FAILED');
    expect(message.body.split('\n').slice(1)).toEqual([
      '✅ build: step_ok on local (1 of 1)',
      '❌ test: step_fail on local (0 of 1; exit 3 on local)',
      '▫️ release: not run',
      '✅ rollback: step_say on local (1 of 1)',
    ]);
  });

  it('stops the remaining steps when cancelled', async () => {
    const { workflows, store } = await app();
    const { runId, done } = await workflows.start('slow', { actor: 'test', trigger: 'manual' });
    for (let tries = 0; tries < 100; tries++) {
      const started = await store.db
        .selectFrom('runs')
        .select('status')
        .where('workflow_run_id', '=', runId)
        .executeTakeFirst();
      if (started?.status === 'running') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await workflows.cancel(runId)).toBe(true);
    expect((await done).status).toBe('cancelled');
    const view = await workflows.view(runId);
    expect(view?.steps.map((s) => [s.name, s.status])).toEqual([
      ['wait', 'cancelled'],
      ['after', 'not run'],
    ]);
  });

  it('refuses workflow files with unknown items, bad values, loops and unknown steps', async () => {
    const { catalog } = await loadCatalog({ shippedDir: shippedCatalogDir(), userDirs: [] });
    const text = `
workflows:
  - name: broken
    display_name: Broken
    steps:
      - { name: a, item: disk_usag, servers: [local], on_success: b }
      - { name: b, item: check_port, servers: [local], parameters: { port: 70000 }, on_failure: a }
      - { name: c, item: disk_usage, on_success: d }
`;
    const context = {
      item: (name: string) => catalog.get(name),
      itemNames: () => catalog.items().map((i) => i.name),
      servers: [{ name: 'local', labels: [] }],
    };
    const read = readWorkflowText(text, 'wf.yaml', context);
    expect(read.workflows).toEqual([]);
    expect(read.problems.map(formatWorkflowProblem)).toEqual([
      'wf.yaml: workflow broken: steps[2].on_success: unknown step d; did you mean a, b, c?',
      'wf.yaml: workflow broken: steps[0].item: no catalog item disk_usag; ' +
        'did you mean disk_usage?',
      expect.stringMatching(/^wf.yaml: workflow broken: steps\[1\].parameters.port: .*65535/),
      'wf.yaml: workflow broken: steps[2]: name servers or labels for the step to run on',
    ]);
    const loop = `
workflows:
  - name: loop
    display_name: Loop
    steps:
      - { name: a, item: disk_usage, servers: [local], on_success: b }
      - { name: b, item: disk_usage, servers: [local], on_failure: a }
      - { name: c, item: disk_usage, servers: [local] }
`;
    const messages = (yaml: string) =>
      readWorkflowText(yaml, 'wf.yaml', context).problems.map((p) => p.message);
    expect(messages(loop)).toEqual(['steps form a loop: a -> b -> a']);
    expect(messages(loop.replace(', on_failure: a', ''))).toEqual([
      'step c is never reached from the start',
    ]);
  });
});
