import { afterEach, describe, expect, it } from 'vitest';
import type { PlatformHealth } from '../../src/http/context.js';
import { type Api, finished, startApi } from './harness.js';

let api: Api | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

function platform(name: string, up: boolean): PlatformHealth & { up: boolean } {
  return {
    name,
    up,
    healthy() {
      return this.up;
    },
  };
}

describe('/healthz', () => {
  it('answers 200 with each check when all is well, without a token', async () => {
    api = await startApi({ platforms: [platform('slack', true)] });
    const answer = await api.call('GET', '/healthz', { as: 'none' });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      status: 'ok',
      checks: {
        database: { ok: true },
        scheduler: { ok: true, lag_seconds: 0 },
        platforms: { slack: { ok: true } },
      },
    });
  });

  it('answers 503 naming the platform that is down', async () => {
    api = await startApi({ platforms: [platform('slack', true), platform('discord', false)] });
    const answer = await api.call('GET', '/healthz', { as: 'none' });
    expect(answer.status).toBe(503);
    expect(answer.json.status).toBe('down');
    expect(answer.json.checks.platforms.discord).toEqual({
      ok: false,
      detail: 'discord is not connected',
    });
    expect(answer.json.checks.platforms.slack.ok).toBe(true);
  });

  it('answers 503 when a schedule is not armed because the scheduler stopped', async () => {
    const clock = { at: Date.now() };
    api = await startApi({ now: () => clock.at });
    const created = await api.call('POST', '/api/v1/wizard/create', {
      body: { item: 'say', servers: ['local'], schedule: { kind: 'cron', cron: '@hourly' } },
    });
    expect(created.status).toBe(201);
    expect((await api.call('GET', '/healthz')).status).toBe(200);
    await api.t.app.scheduler.stop();
    clock.at += 60_000;
    const answer = await api.call('GET', '/healthz');
    expect(answer.status).toBe(503);
    expect(answer.json.checks.scheduler.detail).toContain('not armed');
  });
});

describe('/metrics', () => {
  it('needs a token', async () => {
    api = await startApi();
    expect((await api.call('GET', '/metrics', { as: 'none' })).status).toBe(401);
  });

  it('counts runs by item and status, their durations, and reads gauges', async () => {
    const slack = platform('slack', true);
    api = await startApi({ platforms: [slack] });
    for (const word of ['a', 'b']) {
      const answer = await api.call('POST', '/api/v1/jobs/quick-run', {
        body: { item: 'say', server: 'local', parameters: { word } },
      });
      await finished(api, answer.json.runs[0].id);
    }
    const failed = await api.call('POST', '/api/v1/jobs/quick-run', {
      body: { item: 'nap', server: 'local', parameters: { seconds: 30 } },
    });
    const napId = failed.json.runs[0].id;
    slack.up = false;
    await api.call('GET', '/metrics');
    slack.up = true;

    const metrics = await api.call('GET', '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.headers.get('content-type')).toContain('text/plain');
    const text = metrics.text;
    expect(text).toContain('jobdeck_runs_total{item="say",status="success",trigger="api"} 2');
    expect(text).toMatch(/jobdeck_run_duration_seconds_count\{item="say",status="success"\} 2/);
    expect(text).toMatch(/jobdeck_runs_running 1|jobdeck_queue_depth 1/);
    expect(text).toContain('jobdeck_outbox_depth 0');
    expect(text).toContain('jobdeck_outbox_failures{state="abandoned"} 0');
    expect(text).toContain('jobdeck_scheduler_lag_seconds 0');
    expect(text).toContain('jobdeck_platform_up{platform="slack"} 1');
    expect(text).toContain('jobdeck_platform_reconnects_total{platform="slack"} 1');
    expect(text).toContain('process_cpu_seconds_total');

    await api.call('POST', `/api/v1/runs/${napId}/cancel`);
    await finished(api, napId);
    const after = await api.call('GET', '/metrics');
    expect(after.text).toContain(
      'jobdeck_runs_total{item="nap",status="cancelled",trigger="api"} 1',
    );
    expect(after.text).toContain('jobdeck_runs_running 0');
  });
});
