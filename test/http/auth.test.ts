import { afterEach, describe, expect, it } from 'vitest';
import { ACCESS, type Api, startApi } from './harness.js';

let api: Api | undefined;
afterEach(async () => {
  await api?.close();
  api = undefined;
});

describe('tokens', () => {
  it('answers 401 to everything but /healthz when no token is configured', async () => {
    api = await startApi({ http: {} });
    for (const path of ['/api/v1/catalog', '/metrics', '/api/v1/openapi.json', '/nowhere']) {
      const answer = await api.call('GET', path);
      expect(answer.status, path).toBe(401);
      expect(answer.json.error.code).toBe('unauthorized');
      expect(answer.json.error.message).toContain('http.tokens');
    }
    expect((await api.call('GET', '/healthz', { as: 'none' })).status).toBe(200);
  });

  it('refuses a missing or wrong token and accepts a configured one', async () => {
    api = await startApi();
    const none = await api.call('GET', '/api/v1/catalog', { as: 'none' });
    expect(none.status).toBe(401);
    expect(none.json.error.message).toContain('Authorization: Bearer');
    expect((await api.call('GET', '/api/v1/catalog', { as: 'wrong' })).status).toBe(401);
    const basic = await api.call('GET', '/api/v1/catalog', {
      as: 'none',
      headers: { authorization: 'Basic YWRtaW46YWRtaW4=' },
    });
    expect(basic.status).toBe(401);
    const ok = await api.call('GET', '/api/v1/catalog', { as: 'admin' });
    expect(ok.status).toBe(200);
    expect(ok.json.items.map((i: { name: string }) => i.name)).toContain('say');
  });

  it('skips a token whose variable is not set', async () => {
    api = await startApi({ env: { JD_TEST_ADMIN: 'admin-token-0123456789' } });
    expect((await api.call('GET', '/api/v1/catalog', { as: 'admin' })).status).toBe(200);
    expect((await api.call('GET', '/api/v1/catalog', { as: 'operator' })).status).toBe(401);
  });
});

describe('roles', () => {
  it('answers 403 naming what a role without the right lacks, and audits it', async () => {
    api = await startApi();
    const answer = await api.call('POST', '/api/v1/jobs/quick-run', {
      as: 'reader',
      body: { item: 'say', server: 'local' },
    });
    expect(answer.status).toBe(403);
    expect(answer.json.error.code).toBe('forbidden');
    expect(answer.json.error.message).toMatch(/reader/);
    const audit = await api.t.app.store.db.selectFrom('audit_log').selectAll().execute();
    expect(audit).toContainEqual(
      expect.objectContaining({ actor: 'api:reader', platform: 'api', outcome: 'refused' }),
    );
    const runs = await api.t.app.store.db.selectFrom('runs').selectAll().execute();
    expect(runs).toEqual([]);
  });

  it('lists only the items and servers a role may use', async () => {
    api = await startApi();
    const catalog = await api.call('GET', '/api/v1/catalog', { as: 'viewer' });
    expect(catalog.json.items.map((i: { name: string }) => i.name)).toEqual(['say']);
    expect(catalog.json.total).toBe(1);
    const servers = await api.call('GET', '/api/v1/servers', { as: 'viewer' });
    expect(servers.json.servers.map((s: { name: string }) => s.name)).toEqual(['local']);
    const hidden = await api.call('GET', '/api/v1/catalog/nap', { as: 'viewer' });
    expect(hidden.status).toBe(403);
  });

  it('refuses a server outside the role, and scheduling without the right', async () => {
    api = await startApi();
    const server = await api.call('POST', '/api/v1/jobs/quick-run', {
      as: 'viewer',
      body: { item: 'say', server: 'other' },
    });
    expect(server.status).toBe(403);
    const schedule = await api.call('POST', '/api/v1/wizard/create', {
      as: 'viewer',
      body: { item: 'say', servers: ['local'], schedule: { kind: 'cron', cron: '@daily' } },
    });
    expect(schedule.status).toBe(403);
    expect(schedule.json.error.message).toMatch(/schedul/i);
  });
});

describe('limits', () => {
  it('answers 429 when a token starts more runs a minute than allowed', async () => {
    api = await startApi({ config: { access: { ...ACCESS, rate_limit: 2 } } });
    const run = () =>
      api?.call('POST', '/api/v1/jobs/quick-run', {
        as: 'operator',
        body: { item: 'say', server: 'local' },
      });
    expect((await run())?.status).toBe(202);
    expect((await run())?.status).toBe(202);
    const third = await run();
    expect(third?.status).toBe(429);
    expect(third?.json.error.code).toBe('rate_limited');
    expect(third?.json.error.message).toContain('try again in');
    expect(
      (
        await api.call('POST', '/api/v1/jobs/quick-run', {
          as: 'admin',
          body: { item: 'say', server: 'local' },
        })
      ).status,
    ).toBe(202);
  });
});
