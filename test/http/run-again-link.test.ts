import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLinks } from '../../src/http/links.js';
import { LinkSigner, loadLinkKey } from '../../src/http/signed-links.js';
import { FakeNtfy, type StoredMessage } from '../fakes/ntfy.js';
import { type Api, eventually, finished, startApi } from './harness.js';

let api: Api;
let ntfy: FakeNtfy;
beforeAll(async () => {
  ntfy = await FakeNtfy.start();
  api = await startApi({
    config: {
      notifications: { channels: [{ name: 'phone', url: ntfy.url, topic: 'jobdeck' }] },
    },
  });
});
afterAll(async () => {
  await api.close();
  await ntfy.close();
});

async function notified(item: string, parameters: Record<string, unknown> = {}) {
  const answer = await api.call('POST', '/api/v1/jobs/quick-run', {
    body: { item, server: 'local', parameters, notify: ['phone'], confirm: true },
  });
  const run = await finished(api, answer.json.runs[0].id);
  const message = await eventually(async () =>
    ntfy.messages.find((m) => m.click?.includes(`/runs/${run.id}?`)),
  );
  return { run, message };
}

/** What ntfy would request when the action is pressed: a POST with no body, to this server. */
function press(url: string) {
  const { pathname, search } = new URL(url);
  return api.call('POST', `${pathname.replace(/^\/base/, '')}${search}`, { as: 'none' });
}

function againAction(message: StoredMessage) {
  return message.actions?.find((a) => a.label === 'Run again');
}

describe('the ntfy Run again action', () => {
  it('carries the run page and a signed Run again link that starts the run once', async () => {
    const { run, message } = await notified('say', { word: 'ping' });
    expect(message.actions?.[0]).toMatchObject({ action: 'view', label: 'Open run' });
    const action = againAction(message);
    expect(action).toMatchObject({ action: 'http', method: 'POST' });
    expect(action?.url).toMatch(
      new RegExp(`^http://jobdeck\\.test/base/runs/${run.id}/again\\?token=`),
    );

    const first = await press(action?.url ?? '');
    expect(first.status).toBe(202);
    expect(first.json.runs[0]).toMatchObject({
      item: 'say',
      server: 'local',
      trigger: 'run-again',
      actor: 'ntfy:run-again',
      parent_run_id: run.id,
      parameters: { word: 'ping', count: 1 },
    });
    expect((await finished(api, first.json.runs[0].id)).output).toBe('ping 1\n');

    const second = await press(action?.url ?? '');
    expect(second.status).toBe(410);
    expect(second.json.error).toMatchObject({ code: 'link_invalid' });
    expect(second.json.error.message).toContain('used already');
    const runs = await api.t.app.store.db.selectFrom('runs').select('id').execute();
    expect(runs.filter((r) => r.id > run.id)).toHaveLength(1);
  });

  it('is left out for dangerous items and items that take a secret', async () => {
    const risky = await notified('risky');
    expect(againAction(risky.message)).toBeUndefined();
    const login = await notified('login', { user: 'u', password: 'p' });
    expect(againAction(login.message)).toBeUndefined();
    expect(login.message.actions?.[0]?.label).toBe('Open run');
  });

  it('refuses an expired or changed link without starting anything', async () => {
    const { run, message } = await notified('say', { word: 'late' });
    const signer = new LinkSigner(await loadLinkKey(api.t.app.store.db, undefined));
    const old = runLinks({
      publicUrl: 'http://jobdeck.test',
      signer,
      pageTtl: 60,
      againTtl: 60,
      now: () => Date.now() - 3600_000,
    }).runAgain(
      await api.t.app.runner.store.get(run.id).then((r) => r!),
      api.t.app.catalog.get('say'),
    );
    const before = await api.t.app.store.db.selectFrom('runs').select('id').execute();
    const expired = await press(old ?? '');
    expect(expired.status).toBe(403);
    expect(expired.json.error.message).toContain('expired');
    const url = againAction(message)?.url ?? '';
    const changed = await press(url.replace(`/runs/${run.id}/`, `/runs/${run.id - 1}/`));
    expect(changed.status).toBe(403);
    const after = await api.t.app.store.db.selectFrom('runs').select('id').execute();
    expect(after).toHaveLength(before.length);
    expect((await press(url)).status).toBe(202);
  });
});
