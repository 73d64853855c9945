import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, eventually, finished, startApi, TOKENS } from './harness.js';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

async function start(item: string, parameters: Record<string, unknown>, as = 'operator' as const) {
  const answer = await api.call('POST', '/api/v1/jobs/quick-run', {
    as,
    body: { item, server: 'local', parameters },
  });
  expect(answer.status).toBe(202);
  return answer.json.runs[0].id as number;
}

describe('GET /api/v1/runs', () => {
  it('lists runs newest first, filtered and paged', async () => {
    const a = await start('say', { word: 'one' });
    const b = await start('say', { word: 'two' });
    await finished(api, a);
    await finished(api, b);
    const all = await api.call('GET', '/api/v1/runs?item=say&limit=2');
    expect(all.json.runs.map((r: { id: number }) => r.id)).toEqual([b, a]);
    const older = await api.call('GET', `/api/v1/runs?item=say&before=${b}`);
    expect(older.json.runs[0].id).toBe(a);
    const ok = await api.call('GET', '/api/v1/runs?status=success&server=local');
    expect(ok.json.runs.length).toBeGreaterThanOrEqual(2);
    expect(ok.json.runs.every((r: { status: string }) => r.status === 'success')).toBe(true);
    const bad = await api.call('GET', '/api/v1/runs?limit=1000&status=great');
    expect(Object.keys(bad.json.error.fields).sort()).toEqual(['limit', 'status']);
  });

  it('answers one run with its output, and 404 for an unknown one', async () => {
    const id = await start('say', { word: '<b>bold</b>' });
    const run = await finished(api, id);
    expect(run).toMatchObject({ id, item: 'say', status: 'success', exit_code: 0 });
    expect(run.output).toBe('<b>bold</b> 1\n');
    expect(run.attempt_log).toMatchObject([{ attempt: 1, exit_code: 0, timed_out: false }]);
    const missing = await api.call('GET', '/api/v1/runs/424242');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('run_unknown');
  });

  it('hides runs of items the role may not use', async () => {
    const id = await start('nap', { seconds: 0 });
    await finished(api, id);
    const listed = await api.call('GET', '/api/v1/runs?limit=200', { as: 'viewer' });
    expect(listed.json.runs.map((r: { item: string }) => r.item)).not.toContain('nap');
    expect((await api.call('GET', `/api/v1/runs/${id}`, { as: 'viewer' })).status).toBe(403);
  });
});

describe('GET /api/v1/runs/:id/log', () => {
  it('answers the full log as text', async () => {
    const id = await start('say', { word: 'logged', count: 2 });
    await finished(api, id);
    const log = await api.call('GET', `/api/v1/runs/${id}/log`);
    expect(log.status).toBe(200);
    expect(log.headers.get('content-type')).toContain('text/plain');
    expect(log.text).toBe('logged 2\n');
  });

  it('follows a running run until it ends', async () => {
    const id = await start('nap', { seconds: 1 });
    const response = await fetch(`${api.url}/api/v1/runs/${id}/log?follow=true`, {
      headers: { authorization: `Bearer ${TOKENS.admin}` },
    });
    const text = await response.text();
    expect(text).toBe('napping\nawake\n');
    expect((await api.call('GET', `/api/v1/runs/${id}`)).json.status).toBe('success');
  });
});

describe('POST /api/v1/runs/:id/cancel', () => {
  it('stops a running run of your own', async () => {
    const id = await start('nap', { seconds: 30 });
    await eventually(async () => {
      const run = await api.call('GET', `/api/v1/runs/${id}`);
      return run.json.status === 'running' ? true : undefined;
    });
    const answer = await api.call('POST', `/api/v1/runs/${id}/cancel`, { as: 'operator' });
    expect(answer.status).toBe(202);
    expect(answer.json.cancelled).toBe(true);
    expect((await finished(api, id)).status).toBe('cancelled');
    const again = await api.call('POST', `/api/v1/runs/${id}/cancel`, { as: 'operator' });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe('conflict');
  });

  it("needs cancel_others to stop someone else's run", async () => {
    const id = await start('say', { word: 'mine' }, 'operator');
    const refused = await api.call('POST', `/api/v1/runs/${id}/cancel`, { as: 'viewer' });
    expect(refused.status).toBe(403);
    expect(refused.json.error.message).toMatch(/cancel/i);
  });
});
