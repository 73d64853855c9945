import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOTIFICATION_VARIABLES } from '../../src/catalog/variables.js';
import { buildContext, resolveRunUrl } from '../../src/notify/context.js';
import type { Store } from '../../src/store/db.js';
import { insertRun, tempStore, testItem } from './setup.js';

let store: Store;
beforeEach(async () => {
  store = await tempStore();
});
afterEach(async () => {
  await store.close();
});

describe('buildContext', () => {
  it('gives every notification variable and the run parameters, secrets as stored', async () => {
    const schedule = await insertRun(store, {
      status: 'failure',
      exit_code: 1,
      trigger: 'schedule',
      actor: 'scheduler',
      parameters: JSON.stringify({ greeting: 'hi', token: '********', hosts: ['a', 'b'] }),
      output_head: 'line 1\nline 2\nFAILED: x\n',
      output_tail: 'line 2\nFAILED: x\n',
      output_bytes: 24,
    });
    const context = buildContext({
      run: schedule,
      item: testItem(),
      server: { name: 'web1', hostname: 'web1.example.com' },
      scheduleName: 'nightly',
      timezone: 'UTC',
      runUrl: 'https://chat.example/t/1',
      outputLines: 2,
    });
    for (const name of NOTIFICATION_VARIABLES) expect(context).toHaveProperty(name);
    expect(context).toMatchObject({
      job_name: 'say_hello',
      job_display_name: 'Say hello',
      job_type: 'system',
      server_name: 'web1',
      server_hostname: 'web1.example.com',
      status: 'failure',
      status_emoji: '❌',
      exit_code: 1,
      duration_seconds: 154,
      duration_human: '2m 34s',
      output: 'line 1\nline 2\nFAILED: x\n',
      output_snippet: 'line 1\nline 2',
      output_tail: 'line 2\nFAILED: x',
      error_summary: 'FAILED: x',
      server_count: 1,
      success_count: 0,
      failure_count: 1,
      triggered_by: 'schedule',
      schedule_name: 'nightly',
      run_id: schedule.id,
      run_url: 'https://chat.example/t/1',
      started_at: '2025-06-01 12:00:00 UTC',
      finished_at: '2025-06-01 12:02:34 UTC',
      actor: 'scheduler',
      greeting: 'hi',
      token: '********',
      hosts: 'a, b',
    });
  });
});

describe('resolveRunUrl', () => {
  it('prefers the chat thread permalink, then the run page, else nothing', async () => {
    const threaded = await insertRun(store, {
      thread: JSON.stringify({ platform: 'slack', permalink: 'https://slack.example/p1' }),
    });
    const bare = await insertRun(store);
    const page = (id: number) => `https://jobdeck.example/runs/${id}`;
    expect(resolveRunUrl(threaded, page)).toBe('https://slack.example/p1');
    expect(resolveRunUrl(bare, page)).toBe(`https://jobdeck.example/runs/${bare.id}`);
    expect(resolveRunUrl(bare)).toBe('');
  });
});
