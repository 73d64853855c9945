import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOTIFICATION_VARIABLES } from '../../src/catalog/variables.js';
import { isJobdeckError } from '../../src/errors.js';
import { decodePayload } from '../../src/notify/outbox.js';
import { getPolicy, type NotificationPolicy, savePolicy } from '../../src/notify/policies.js';
import { allowedVariables, validateTemplate } from '../../src/notify/templates.js';
import type { Store } from '../../src/store/db.js';
import type { NewRun } from '../../src/store/tables.js';
import {
  definitionOf,
  depsFor,
  enqueue,
  insertRun,
  ntfyChannel,
  outboxRows,
  shippedItem,
  tempStore,
  testItem,
} from './setup.js';

let store: Store;
beforeEach(async () => {
  store = await tempStore();
});
afterEach(async () => {
  await store.close();
});

function policy(definitionId: number, extra: Partial<NotificationPolicy> = {}): NotificationPolicy {
  return {
    definitionId,
    on: 'both',
    channels: ['phone'],
    templates: {},
    includeOutput: false,
    outputMaxLines: 20,
    tags: {},
    priority: {},
    ...extra,
  };
}

/** What one finished run records for the `phone` channel. */
async function recorded(item = testItem(), run: Partial<NewRun> = {}) {
  const finished = await insertRun(store, { item_name: item.name, ...run });
  const written = await enqueue(
    store,
    finished,
    depsFor([ntfyChannel('http://127.0.0.1:9')], [item]),
  );
  expect(written).toBe(1);
  const [row] = await outboxRows(store);
  return decodePayload(row!);
}

const FAILED: Partial<NewRun> = {
  status: 'failure',
  exit_code: 2,
  error: 'command exited with code 2',
  output_head: 'pulling\nError: no such container: web\n',
  output_tail: 'pulling\nError: no such container: web\n',
  output_bytes: 39,
  notify_channels: '["phone"]',
};

describe('built-in templates', () => {
  it('say what succeeded, where, how long it took and who started it', async () => {
    const message = await recorded(testItem(), { notify_channels: '["phone"]' });
    expect(message.title).toBe('Say hello completed on web1');
    expect(message.body).toBe('✅ Finished in 2m 34s.\nStarted by alice (manual).');
    expect(message.tags).toEqual(['white_check_mark']);
    expect(message.priority).toBe(3);
  });

  it('name the schedule that started a run and the server host it ran on', async () => {
    const definitionId = await definitionOf(store, testItem());
    await store.db
      .insertInto('servers')
      .values({
        name: 'web1',
        host: '10.0.0.5',
        port: 22,
        transport: 'ssh',
        labels: '[]',
        updated_at: 1,
      })
      .execute();
    const schedule = await store.db
      .insertInto('schedules')
      .values({
        definition_id: definitionId,
        name: 'nightly',
        cron: '0 3 * * *',
        timezone: 'UTC',
        enabled: 1,
        missed_policy: 'skip',
        missed_max_age: 3_600_000,
        created_by: 'alice',
        created_at: 1,
        updated_at: 1,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const message = await recorded(testItem({ success_title_template: 'on {{server_hostname}}' }), {
      trigger: 'schedule',
      actor: 'scheduler',
      schedule_id: schedule.id,
      notify_channels: '["phone"]',
    });
    expect(message.body).toContain('Started by scheduler (schedule: nightly).');
    expect(message.title).toBe('on 10.0.0.5');
  });

  it('say what failed with its exit code, duration and error lines', async () => {
    const message = await recorded(testItem(), FAILED);
    expect(message.title).toBe('Say hello FAILED on web1');
    expect(message.body).toBe(
      '❌ Status: failure. Exit code: 2. Duration: 2m 34s.\nError: no such container: web',
    );
    expect(message.tags).toEqual(['x']);
    expect(message.priority).toBe(4);
  });

  it('tag a timeout with a stopwatch', async () => {
    const message = await recorded(testItem(), { ...FAILED, status: 'timeout', exit_code: null });
    expect(message.tags).toEqual(['stopwatch']);
    expect(message.body).toContain('Status: timeout. Exit code: none.');
  });

  it('notify an interrupted run like a failure, saying jobdeck stopped while it ran', async () => {
    const message = await recorded(testItem(), {
      status: 'interrupted',
      exit_code: null,
      finished_at: null,
      duration_ms: null,
      notify_channels: '["phone"]',
    });
    expect(message.title).toBe('Say hello FAILED on web1');
    expect(message.body).toContain('jobdeck stopped while this job was running');
    expect(message.body).toContain('Duration: unknown.');
    expect(message.tags).toEqual(['warning']);
  });
  it('say so when jobdeck stopped before an interrupted run started', async () => {
    const message = await recorded(testItem(), {
      status: 'interrupted',
      error: 'jobdeck stopped before this queued run started',
      exit_code: null,
      started_at: null,
      finished_at: null,
      duration_ms: null,
      notify_channels: '["phone"]',
    });
    expect(message.body).toContain('jobdeck stopped before this job started; it did not run.');
  });
});

describe('shipped item templates', () => {
  it('use docker_container_restart title and tags on success and on failure', async () => {
    const item = await shippedItem('docker_container_restart');
    const params = JSON.stringify({ container_name: 'web' });
    const ok = await recorded(item, { parameters: params, notify_channels: '["phone"]' });
    expect(ok.title).toBe('Container web restarted on web1');
    expect(ok.tags).toEqual(['arrows_counterclockwise', 'whale']);
    expect(ok.body).toContain('Finished in 2m 34s');

    await store.db.deleteFrom('outbox').execute();
    const failed = await recorded(item, { ...FAILED, parameters: params });
    expect(failed.title).toBe('Failed to restart web on web1');
    expect(failed.tags).toEqual(['x', 'whale']);
    expect(failed.body).toContain('Exit code: 2');
  });
});

describe('precedence', () => {
  it('takes the policy, then the item, then the built-in default, field by field', async () => {
    const item = await shippedItem('docker_container_restart');
    const id = await definitionOf(store, item);
    await savePolicy(
      store.db,
      policy(id, {
        templates: { failure_body: '{{container_name}} is down: {{error_summary}}' },
        tags: { failure: ['rotating_light'] },
        priority: { failure: 5 },
      }),
      item,
    );
    const message = await recorded(item, {
      ...FAILED,
      notify_channels: null,
      definition_id: id,
      parameters: JSON.stringify({ container_name: 'web' }),
    });
    expect(message.title).toBe('Failed to restart web on web1');
    expect(message.body).toBe('web is down: Error: no such container: web');
    expect(message.tags).toEqual(['rotating_light']);
    expect(message.priority).toBe(5);
  });

  it('appends the last output lines in a code block when the policy includes output', async () => {
    const id = await definitionOf(store, testItem());
    await savePolicy(store.db, policy(id, { includeOutput: true, outputMaxLines: 1 }), testItem());
    const message = await recorded(testItem(), { definition_id: id });
    expect(message.body.endsWith('\n\n```\nall good\n```')).toBe(true);
    expect(message.markdown).toBe(true);
  });

  it('sends nothing for an outcome the policy does not want', async () => {
    const id = await definitionOf(store, testItem());
    await savePolicy(store.db, policy(id, { on: 'failure' }), testItem());
    const run = await insertRun(store, { definition_id: id });
    expect(await enqueue(store, run, depsFor([ntfyChannel('http://x')], [testItem()]))).toBe(0);
  });
});

describe('template validation', () => {
  it('accepts every notification variable and the item parameters', () => {
    const all = [...NOTIFICATION_VARIABLES, 'greeting'].map((v) => `{{${v}}}`).join(' ');
    expect(validateTemplate(all, allowedVariables(testItem()))).toEqual({ ok: true });
  });

  it('refuses an unknown variable, naming it and the closest known one', () => {
    const check = validateTemplate('{{job_nmae}} on {{server_name}}', allowedVariables(testItem()));
    expect(check.ok).toBe(false);
    expect(check.ok ? '' : check.error).toContain(
      'unknown variable {{job_nmae}}; did you mean job_name',
    );
  });

  it('refuses a template that does not parse', () => {
    const check = validateTemplate('{{#if status}}unclosed', allowedVariables(testItem()));
    expect(check.ok).toBe(false);
  });

  it('refuses to save a policy naming an unknown variable, and keeps nothing', async () => {
    const id = await definitionOf(store, testItem());
    const bad = policy(id, { templates: { success_title: '{{job_display_name}} {{colour}}' } });
    const saving = savePolicy(store.db, bad, testItem());
    await expect(saving).rejects.toSatisfy(
      (e: unknown) => isJobdeckError(e, 'template_invalid') && /\{\{colour\}\}/.test(e.message),
    );
    expect(await getPolicy(store.db, id)).toBeUndefined();
  });

  it('stores and reads back a valid policy', async () => {
    const id = await definitionOf(store, testItem());
    const good = policy(id, {
      on: 'success',
      templates: { success_title: '{{greeting}} from {{server_name}}' },
      tags: { success: ['wave'] },
      priority: { success: 2 },
    });
    await savePolicy(store.db, good, testItem());
    expect(await getPolicy(store.db, id)).toEqual(good);
  });
});
