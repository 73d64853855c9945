import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, startApi } from './harness.js';

let api: Api;
let definitionId: number;
beforeAll(async () => {
  api = await startApi();
  const created = await api.call('POST', '/api/v1/wizard/create', {
    as: 'operator',
    body: { item: 'say', servers: ['local'], schedule: { kind: 'cron', cron: '0 3 * * *' } },
  });
  definitionId = created.json.definition_id;
});
afterAll(() => api.close());

describe('/api/v1/schedules', () => {
  it('creates, reads, pauses, resumes, changes and deletes a schedule', async () => {
    const created = await api.call('POST', '/api/v1/schedules', {
      as: 'operator',
      body: { definition_id: definitionId, cron: '15 2 * * 1', timezone: 'Europe/Berlin' },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      definition_id: definitionId,
      item: 'say',
      servers: ['local'],
      cron: '15 2 * * 1',
      timezone: 'Europe/Berlin',
      enabled: true,
      missed_policy: 'skip',
    });
    expect(created.json.description).toContain('02:15');
    const id = created.json.id as number;
    expect(api.t.app.scheduler.armedIds()).toContain(id);

    const listed = await api.call('GET', '/api/v1/schedules');
    expect(listed.json.schedules.map((s: { id: number }) => s.id)).toContain(id);

    const paused = await api.call('PATCH', `/api/v1/schedules/${id}`, { body: { enabled: false } });
    expect(paused.json).toMatchObject({ enabled: false, next_run_at: null });
    expect(api.t.app.scheduler.armedIds()).not.toContain(id);

    const resumed = await api.call('PATCH', `/api/v1/schedules/${id}`, {
      body: { enabled: true, cron: '@hourly', name: 'every hour' },
    });
    expect(resumed.json).toMatchObject({ enabled: true, cron: '@hourly', name: 'every hour' });
    expect(Date.parse(resumed.json.next_run_at)).toBeGreaterThan(Date.now());

    const deleted = await api.call('DELETE', `/api/v1/schedules/${id}`);
    expect(deleted.status).toBe(204);
    expect(deleted.text).toBe('');
    expect((await api.call('GET', `/api/v1/schedules/${id}`)).status).toBe(404);
    const audit = await api.t.app.store.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'like', 'schedule.%')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'schedule.create',
      'schedule.create',
      'schedule.pause',
      'schedule.resume',
      'schedule.delete',
    ]);
  });

  it('answers a wrong cron or zone on its field', async () => {
    const cron = await api.call('POST', '/api/v1/schedules', {
      body: { definition_id: definitionId, cron: '* * 32 * *' },
    });
    expect(cron.status).toBe(400);
    expect(cron.json.error.code).toBe('schedule_invalid');
    expect(cron.json.error.fields.cron).toContain('day-of-month');
    const zone = await api.call('POST', '/api/v1/schedules', {
      body: { definition_id: definitionId, cron: '@daily', timezone: 'Mars/Olympus' },
    });
    expect(zone.json.error.fields.cron).toContain('Mars/Olympus');
    const missing = await api.call('POST', '/api/v1/schedules', {
      body: { definition_id: 9999, cron: '@daily' },
    });
    expect(missing.status).toBe(404);
  });

  it('needs the schedule right to change anything', async () => {
    const [first] = (await api.call('GET', '/api/v1/schedules')).json.schedules;
    const refused = await api.call('PATCH', `/api/v1/schedules/${first.id}`, {
      as: 'viewer',
      body: { enabled: false },
    });
    expect(refused.status).toBe(403);
    const seen = await api.call('GET', `/api/v1/schedules/${first.id}`, { as: 'viewer' });
    expect(seen.json.enabled).toBe(true);
  });
});

describe('/api/v1/servers', () => {
  it('lists servers and probes one now', async () => {
    const listed = await api.call('GET', '/api/v1/servers');
    expect(listed.json.servers.map((s: { name: string }) => s.name)).toEqual(['local', 'other']);
    expect(listed.json.servers[1]).toMatchObject({ transport: 'local', labels: ['lab'] });
    const probed = await api.call('POST', '/api/v1/servers/other/probe', { as: 'operator' });
    expect(probed.status).toBe(200);
    expect(probed.json.server).toMatchObject({ name: 'other', reachable: true });
    expect(probed.json.server.probed_at).not.toBeNull();
    expect(probed.json.server.distro).toEqual(expect.any(String));
    const unknown = await api.call('POST', '/api/v1/servers/ghost/probe');
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('server_unknown');
    const refused = await api.call('POST', '/api/v1/servers/other/probe', { as: 'viewer' });
    expect(refused.status).toBe(403);
  });
});
