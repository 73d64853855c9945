import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  actionIdIn,
  eventually,
  headerOf,
  type SlackHarness,
  startSlackJobdeck,
} from './harness.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackJobdeck();
});
afterAll(() => h.close());
afterEach(() => {
  expect(h.fake.violations.splice(0)).toEqual([]);
  expect(h.logged.splice(0)).toEqual([]);
});

async function runCount(item: string): Promise<number> {
  const rows = await h.t.app.store.db
    .selectFrom('runs')
    .select('id')
    .where('item_name', '=', item)
    .execute();
  return rows.length;
}

async function allRunsEnded(): Promise<void> {
  await eventually(async () => {
    const open = await h.t.app.store.db
      .selectFrom('runs')
      .select('id')
      .where('status', 'in', ['queued', 'running'])
      .execute();
    expect(open).toEqual([]);
  });
}

describe('Slack delivering twice, and reconnecting', () => {
  it('acts once on a redelivered slash command envelope', async () => {
    const first = await h.fake.sendSlashCommand({ text: 'run greet local name=once' });
    const again = await h.fake.redeliver(first.envelope_id);
    expect(again.payload).toEqual({});
    await h.fake.waitFor('chat.update', (a) => String(a.text).includes('Greet on local succeeded'));
    await allRunsEnded();
    expect(await runCount('greet')).toBe(1);
    expect(h.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('acknowledges a redelivered submission as before, without acting again', async () => {
    const opened = h.fake.nextCall('views.open');
    await h.fake.sendSlashCommand({ text: 'run greet local' });
    const viewId = String(((await opened).response.view as { id: string }).id);
    expect(headerOf(h.fake.view(viewId))).toContain('Step 2 of 5');

    const submitted = await h.fake.sendViewSubmission({ viewId, inputs: { name: 'twice' } });
    expect(submitted.payload).toMatchObject({ response_action: 'clear' });
    const again = await h.fake.redeliver(submitted.envelope_id);
    expect(again.payload).toEqual(submitted.payload);
    await allRunsEnded();
    expect(await runCount('greet')).toBe(2);
  });

  it('reconnects after a disconnect message; a run under way posts its result once', async () => {
    const posted = h.fake.nextCall('chat.postMessage');
    await h.fake.sendSlashCommand({ text: 'run nap local seconds=1' });
    const card = String((await posted).response.ts);
    expect(await h.fake.disconnect('refresh_requested')).toBe('client');
    await h.fake.waitForConnections(2);
    await h.fake.waitFor(
      'chat.update',
      (a) => a.ts === card && String(a.text).includes('succeeded'),
    );

    const opened = h.fake.nextCall('views.open');
    await h.fake.sendSlashCommand({ text: 'new' });
    await opened;
    expect(h.platform.healthy()).toBe(true);
    expect(await runCount('nap')).toBe(1);
  });

  it('reconnects after the socket drops, and answers the next command once', async () => {
    h.fake.dropSocket();
    await h.fake.waitForConnections(3);
    await eventually(() => expect(h.platform.healthy()).toBe(true));
    expect(h.logged.splice(0).join('')).toContain('WebSocket');

    const opened = h.fake.nextCall('views.open');
    const ack = await h.fake.sendSlashCommand({ text: '' });
    const viewId = String(((await opened).response.view as { id: string }).id);
    expect(ack.payload).toEqual({});
    const updated = h.fake.nextCall('views.update');
    await h.fake.sendBlockActions({
      viewId,
      actionId: actionIdIn(h.fake.view(viewId)!.blocks, 'w.item'),
      value: 'greet',
    });
    await updated;
    expect(headerOf(h.fake.view(viewId))).toContain('Step 2 of 5');
  });
});
