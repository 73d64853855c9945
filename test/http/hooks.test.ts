import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, ENV, finished, startApi } from './harness.js';

let api: Api;
let definitionId: number;
let secret: string;
beforeAll(async () => {
  api = await startApi({ env: { ...ENV, JD_HOOK_SECRET: 'from-the-environment' } });
  const created = await api.call('POST', '/api/v1/wizard/create', {
    body: {
      item: 'say',
      servers: ['local'],
      parameters: { word: 'stored' },
      schedule: { kind: 'cron', cron: '@yearly' },
    },
  });
  definitionId = created.json.definition_id;
  const hook = await api.call('PUT', `/api/v1/webhooks/${definitionId}`, {
    as: 'operator',
    body: { params: ['word'] },
  });
  expect(hook.status).toBe(201);
  secret = hook.json.secret;
});
afterAll(() => api.close());

function sign(body: string, timestamp: number, key = secret) {
  const mac = createHmac('sha256', key).update(`${timestamp}.${body}`).digest('hex');
  return { 'x-jobdeck-timestamp': String(timestamp), 'x-jobdeck-signature': `sha256=${mac}` };
}

function deliver(body: string, headers: Record<string, string>, id = definitionId) {
  return api.call('POST', `/hooks/${id}`, {
    as: 'none',
    raw: body,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

const now = () => Math.floor(Date.now() / 1000);

describe('webhook management', () => {
  it('shows the generated secret once and never again', async () => {
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    const listed = await api.call('GET', '/api/v1/webhooks');
    expect(listed.json.webhooks).toEqual([
      expect.objectContaining({
        definition_id: definitionId,
        url: `http://jobdeck.test/base/hooks/${definitionId}`,
        params: ['word'],
        secret_env: null,
      }),
    ]);
    expect(listed.text).not.toContain(secret);
    const stored = await api.t.app.store.db.selectFrom('webhooks').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(secret);
  });

  it('refuses unknown parameters, unset variables and roles without the right', async () => {
    const unknown = await api.call('PUT', `/api/v1/webhooks/${definitionId}`, {
      body: { params: ['colour'] },
    });
    expect(unknown.json.error.fields.params).toContain('colour');
    const unset = await api.call('PUT', `/api/v1/webhooks/${definitionId}`, {
      body: { secret_env: 'NOT_SET_ANYWHERE' },
    });
    expect(unset.json.error.fields.secret_env).toContain('NOT_SET_ANYWHERE');
    const refused = await api.call('PUT', `/api/v1/webhooks/${definitionId}`, { as: 'viewer' });
    expect(refused.status).toBe(403);
  });
});

describe('POST /hooks/:definition', () => {
  it('runs the definition with allowed overrides when the signature is right', async () => {
    const body = JSON.stringify({ word: 'hooked', count: 5, ref: 'main' });
    const answer = await deliver(body, sign(body, now()));
    expect(answer.status).toBe(202);
    expect(answer.json.ignored).toEqual(['count', 'ref']);
    expect(answer.json.runs[0]).toMatchObject({
      trigger: 'webhook',
      actor: `webhook:${definitionId}`,
      definition_id: definitionId,
      parameters: { word: 'hooked', count: 1 },
    });
    expect((await finished(api, answer.json.runs[0].id)).output).toBe('hooked 1\n');
    const empty = await deliver('', sign('', now()));
    expect(empty.status).toBe(202);
    expect(empty.json.runs[0].parameters.word).toBe('stored');
  });

  it('refuses a wrong signature, a stale timestamp and a replay', async () => {
    const body = JSON.stringify({ word: 'x' });
    const wrong = await deliver(body, sign(body, now(), 'not-the-secret'));
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe('signature_invalid');
    const missing = await deliver(body, {});
    expect(missing.status).toBe(401);
    const stale = await deliver(body, sign(body, now() - 600));
    expect(stale.status).toBe(401);
    expect(stale.json.error.message).toContain('5 minutes');
    const changed = sign(body, now());
    expect((await deliver(JSON.stringify({ word: 'y' }), changed)).status).toBe(401);

    const headers = sign(body, now());
    expect((await deliver(body, headers)).status).toBe(202);
    const replay = await deliver(body, headers);
    expect(replay.status).toBe(409);
    expect(replay.json.error.message).toContain('replay');
  });

  it('answers an invalid override per field, and unknown hooks with 404', async () => {
    const body = JSON.stringify({ word: 'far too long for this parameter' });
    const invalid = await deliver(body, sign(body, now()));
    expect(invalid.status).toBe(400);
    expect(Object.keys(invalid.json.error.fields)).toEqual(['parameters.word']);
    const notJson = await deliver('[1,2]', sign('[1,2]', now()));
    expect(notJson.json.error.fields['(body)']).toContain('JSON object');
    expect((await deliver('{}', sign('{}', now()), 9999)).status).toBe(404);
  });

  it('uses a secret from the environment, and stops after the hook is removed', async () => {
    const put = await api.call('PUT', `/api/v1/webhooks/${definitionId}`, {
      body: { params: [], secret_env: 'JD_HOOK_SECRET' },
    });
    expect(put.json.secret).toBeUndefined();
    expect(put.json.secret_env).toBe('JD_HOOK_SECRET');
    const body = '{"word":"ignored"}';
    const ok = await deliver(body, sign(body, now(), 'from-the-environment'));
    expect(ok.status).toBe(202);
    expect(ok.json.runs[0].parameters.word).toBe('stored');
    expect((await deliver(body, sign(body, now() - 1))).status).toBe(401);

    expect((await api.call('DELETE', `/api/v1/webhooks/${definitionId}`)).status).toBe(204);
    const gone = await deliver(body, sign(body, now() - 2, 'from-the-environment'));
    expect(gone.status).toBe(404);
  });
});
