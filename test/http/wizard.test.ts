import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, finished, startApi } from './harness.js';

let api: Api;
beforeAll(async () => {
  api = await startApi({
    config: {
      notifications: { channels: [{ name: 'phone', url: 'http://127.0.0.1:9', topic: 'jd' }] },
    },
  });
});
afterAll(() => api.close());

const post = (path: string, body: unknown) =>
  api.call('POST', `/api/v1/wizard/${path}`, { as: 'operator', body });

describe('POST /api/v1/wizard/validate', () => {
  it('answers the masked values, the command and the schedule in words', async () => {
    const answer = await post('validate', {
      item: 'say',
      servers: ['local'],
      parameters: { word: 'hey' },
      schedule: { kind: 'cron', cron: '30 4 * * *', timezone: 'Europe/Berlin' },
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      valid: true,
      parameters: { word: 'hey', count: 1 },
      command: 'echo hey 1',
      schedule: { cron: '30 4 * * *', timezone: 'Europe/Berlin' },
    });
    expect(answer.json.schedule.description).toContain('04:30');
    expect(answer.json.schedule.next).toHaveLength(3);
  });

  it('lists every field in trouble at once', async () => {
    const answer = await post('validate', {
      item: 'mainframe',
      servers: ['local', 'ghost'],
      parameters: { speed: 'fast' },
      schedule: { kind: 'cron', cron: '61 * * * *' },
      notify: { channels: ['pager'] },
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error.fields).toEqual({
      'parameters.speed': expect.stringContaining('unknown parameter speed'),
      servers: expect.stringContaining('ghost'),
      'schedule.cron': expect.stringContaining('minute'),
      'notify.channels': expect.stringContaining('pager'),
    });
  });

  it('refuses to schedule an item that takes a secret', async () => {
    const answer = await post('validate', {
      item: 'login',
      servers: ['local'],
      parameters: { user: 'a', password: 'b' },
      schedule: { kind: 'cron', cron: '@daily' },
    });
    expect(answer.json.error.fields.schedule).toContain('secret');
    expect(JSON.stringify(answer.json)).not.toContain('"b"');
  });
});

describe('POST /api/v1/wizard/preview', () => {
  it('answers the exact command with secrets masked, and both notifications', async () => {
    const answer = await post('preview', {
      item: 'login',
      parameters: { user: 'ann', password: 'topsecret' },
      server: 'other',
    });
    expect(answer.status).toBe(200);
    expect(answer.json.command).toBe('echo user=ann pass=********');
    expect(answer.text).not.toContain('topsecret');
    expect(answer.json.notification.success.title).toContain('Log in with a password');
    expect(answer.json.notification.failure.priority).toBeGreaterThanOrEqual(4);
    expect(answer.json.notification.failure.title).toBe('Log in with a password FAILED on other');
  });

  it('answers parameter problems per field', async () => {
    const answer = await post('preview', { item: 'login', parameters: {} });
    expect(answer.status).toBe(400);
    expect(Object.keys(answer.json.error.fields).sort()).toEqual([
      'parameters.password',
      'parameters.user',
    ]);
  });
});

describe('POST /api/v1/wizard/create', () => {
  it('creates the definition with its policy and runs it now', async () => {
    const answer = await post('create', {
      item: 'say',
      servers: ['local', 'other'],
      parameters: { word: 'created' },
      notify: { on_success: true, on_failure: true, channels: ['phone'] },
      name: 'greeting',
    });
    expect(answer.status).toBe(201);
    expect(answer.json.schedule_id).toBeNull();
    expect(answer.json.run_ids).toHaveLength(2);
    const { db } = api.t.app.store;
    const definition = await db
      .selectFrom('job_definitions')
      .selectAll()
      .where('id', '=', answer.json.definition_id)
      .executeTakeFirstOrThrow();
    expect(definition).toMatchObject({ name: 'greeting', item_name: 'say', platform: 'api' });
    expect(JSON.parse(definition.servers)).toEqual(['local', 'other']);
    const policy = await db
      .selectFrom('notification_policies')
      .selectAll()
      .where('definition_id', '=', definition.id)
      .executeTakeFirstOrThrow();
    expect(policy).toMatchObject({ on_success: 1, on_failure: 1, channels: '["phone"]' });
    const run = await finished(api, answer.json.run_ids[0]);
    expect(run).toMatchObject({ status: 'success', definition_id: definition.id });
  });

  it('creates the definition and a schedule for a cron', async () => {
    const answer = await post('create', {
      item: 'say',
      servers: ['other'],
      schedule: { kind: 'cron', cron: '@weekly', timezone: 'UTC' },
    });
    expect(answer.status).toBe(201);
    expect(answer.json.run_ids).toEqual([]);
    const schedule = await api.call('GET', `/api/v1/schedules/${answer.json.schedule_id}`);
    expect(schedule.json).toMatchObject({
      definition_id: answer.json.definition_id,
      cron: '@weekly',
      enabled: true,
      servers: ['other'],
    });
    expect(api.t.app.scheduler.armedIds()).toContain(answer.json.schedule_id);
  });
});
