import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../src/store/db.js';
import { type Api, eventually, finished, startApi } from './harness.js';

let api: Api;
beforeAll(async () => {
  const channels = [{ name: 'ops', url: 'http://127.0.0.1:9', topic: 'ops' }];
  api = await startApi({ config: { notifications: { channels } } });
});
afterAll(() => api.close());

const db = () => api.t.app.store.db;

describe('POST /api/v1/jobs/quick-run on several servers', () => {
  it('runs them as one group: answers its id and runs, one notification for all', async () => {
    const answer = await api.call('POST', '/api/v1/jobs/quick-run', {
      as: 'operator',
      body: {
        item: 'say',
        servers: ['local', 'other'],
        parameters: { word: 'both' },
        notify: ['ops'],
      },
    });
    expect(answer.status).toBe(202);
    const groupId = answer.json.group_id;
    expect(groupId).toEqual(expect.any(Number));
    expect(answer.json.runs.map((r: { server: string }) => r.server)).toEqual(['local', 'other']);
    for (const run of answer.json.runs)
      expect((await finished(api, run.id)).output).toBe('both 1\n');

    const group = await eventually(async () => {
      const row = await api.t.app.groups.store.get(groupId);
      return row?.status === 'running' ? undefined : row;
    });
    expect(group).toMatchObject({ status: 'success', success_count: 2, failure_count: 0 });
    expect(group).toMatchObject({ trigger: 'api', actor: 'api:operator' });
    const runs = await db().selectFrom('runs').select('group_id').execute();
    expect(runs.map((r) => r.group_id)).toEqual([groupId, groupId]);

    const notices = await db().selectFrom('outbox').selectAll().execute();
    expect(notices.map((n) => n.dedupe_key)).toEqual([`group:${groupId}:ops`]);
    const message = json.decode<{ body: string }>(notices[0]?.payload, { body: '' });
    expect(message.body).toContain('2 of 2 servers succeeded.');
  });

  it('keeps a single server a plain run, without a group', async () => {
    const answer = await api.call('POST', '/api/v1/jobs/quick-run', {
      as: 'operator',
      body: { item: 'say', server: 'local', parameters: { word: 'one' } },
    });
    expect(answer.status).toBe(202);
    expect(answer.json.group_id).toBeNull();
    const run = await finished(api, answer.json.runs[0].id);
    expect(run.output).toBe('one 1\n');
    const row = await db().selectFrom('runs').selectAll().where('id', '=', run.id).execute();
    expect(row[0]?.group_id).toBeNull();
    expect(await db().selectFrom('run_groups').select('id').execute()).toHaveLength(1);
  });
});
