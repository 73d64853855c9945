import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, finished, startApi } from './harness.js';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const quickRun = (body: unknown, as: 'admin' | 'operator' | 'viewer' = 'operator') =>
  api.call('POST', '/api/v1/jobs/quick-run', { as, body });

describe('POST /api/v1/jobs/quick-run', () => {
  it('runs an item on each server and records who asked', async () => {
    const answer = await quickRun({
      item: 'say',
      servers: ['local', 'other'],
      parameters: { word: 'hi there', count: '3' },
    });
    expect(answer.status).toBe(202);
    expect(answer.json.runs).toHaveLength(2);
    expect(answer.json.runs[0]).toMatchObject({
      item: 'say',
      server: 'local',
      trigger: 'api',
      actor: 'api:operator',
      parameters: { word: 'hi there', count: 3 },
    });
    expect(answer.json.runs[0].page_url).toMatch(
      /^http:\/\/jobdeck\.test\/base\/runs\/\d+\?token=/,
    );
    const run = await finished(api, answer.json.runs[0].id);
    expect(run.status).toBe('success');
    expect(run.output).toBe('hi there 3\n');
    expect(run.command).toBe("echo 'hi there' 3");
  });

  it('answers every parameter problem per field', async () => {
    const answer = await quickRun({
      item: 'say',
      server: 'local',
      parameters: { word: 'x'.repeat(30), count: 9, colour: 'red' },
    });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('parameters_invalid');
    const fields = answer.json.error.fields;
    expect(Object.keys(fields).sort()).toEqual([
      'parameters.colour',
      'parameters.count',
      'parameters.word',
    ]);
    expect(fields['parameters.colour']).toContain('unknown parameter colour');
    expect(fields['parameters.count']).toMatch(/5/);
  });

  it('answers body shape problems per field', async () => {
    const answer = await quickRun({ item: 42, servers: 'local', extra: true });
    expect(answer.status).toBe(400);
    expect(answer.json.error.code).toBe('input_invalid');
    expect(Object.keys(answer.json.error.fields).sort()).toEqual(['(body)', 'item', 'servers']);
    const bad = await api.call('POST', '/api/v1/jobs/quick-run', {
      raw: '{not json',
      headers: { 'content-type': 'application/json' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('input_invalid');
  });

  it('refuses unknown items and servers, and servers that lack what the item needs', async () => {
    const item = await quickRun({ item: 'sai', server: 'local' });
    expect(item.status).toBe(400);
    expect(item.json.error.code).toBe('item_unknown');
    expect(item.json.error.fields.item).toContain('did you mean say');
    const server = await quickRun({ item: 'say', server: 'nowhere' });
    expect(server.json.error).toMatchObject({ code: 'server_unknown' });
    expect(server.json.error.fields.servers).toContain('known: local, other');
    const none = await quickRun({ item: 'say' });
    expect(none.json.error.fields.servers).toBeDefined();
    const docker = await quickRun({ item: 'mainframe', server: 'local' });
    expect(docker.status).toBe(409);
    expect(docker.json.error.code).toBe('incompatible');
    expect(docker.json.error.fields.servers).toContain('zos');
  });

  it('asks for confirm on dangerous items, and leaves approval items to chat', async () => {
    const unconfirmed = await quickRun({ item: 'risky', server: 'local' });
    expect(unconfirmed.status).toBe(400);
    expect(unconfirmed.json.error.fields.confirm).toContain('"confirm": true');
    const confirmed = await quickRun({ item: 'risky', server: 'local', confirm: true });
    expect(confirmed.status).toBe(202);
    const expert = await quickRun({ item: 'expert', server: 'local', confirm: true });
    expect(expert.status).toBe(403);
    expect(expert.json.error.message).toContain('approv');
    const admin = await quickRun({ item: 'expert', server: 'local', confirm: true }, 'admin');
    expect(admin.status).toBe(202);
  });

  it('runs with a secret without ever answering or storing it', async () => {
    const answer = await quickRun({
      item: 'login',
      server: 'local',
      parameters: { user: 'ann', password: 'hunter2-secret' },
    });
    expect(answer.status).toBe(202);
    expect(answer.text).not.toContain('hunter2-secret');
    const run = await finished(api, answer.json.runs[0].id);
    expect(run.parameters.password).toBe('********');
    expect(run.command).not.toContain('hunter2-secret');
    const stored = await api.t.app.store.db.selectFrom('runs').select('parameters').execute();
    expect(JSON.stringify(stored)).not.toContain('hunter2-secret');
  });
});

describe('POST /api/v1/jobs/run-again/:run_id', () => {
  it('runs the same item, server and parameters again', async () => {
    const first = await quickRun({ item: 'say', server: 'other', parameters: { word: 'again' } });
    const firstId = first.json.runs[0].id;
    await finished(api, firstId);
    const answer = await api.call('POST', `/api/v1/jobs/run-again/${firstId}`, { as: 'operator' });
    expect(answer.status).toBe(202);
    expect(answer.json.runs[0]).toMatchObject({
      server: 'other',
      trigger: 'run-again',
      parent_run_id: firstId,
      parameters: { word: 'again', count: 1 },
    });
    expect((await finished(api, answer.json.runs[0].id)).output).toBe('again 1\n');
  });

  it('refuses runs that took a secret, and unknown runs', async () => {
    const secret = await quickRun({
      item: 'login',
      server: 'local',
      parameters: { user: 'ann', password: 'pw' },
    });
    const again = await api.call('POST', `/api/v1/jobs/run-again/${secret.json.runs[0].id}`);
    expect(again.status).toBe(409);
    expect(again.json.error.message).toContain('secret');
    const missing = await api.call('POST', '/api/v1/jobs/run-again/99999');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('run_unknown');
  });
});
