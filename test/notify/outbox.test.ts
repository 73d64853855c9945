import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelSchema } from '../../src/config/schema.js';
import { type ChatDelivery, type ChatTarget, Deliveries } from '../../src/notify/delivery.js';
import type { NotificationMessage } from '../../src/notify/message.js';
import { decodePayload, notifyFinishHook } from '../../src/notify/outbox.js';
import { savePolicy } from '../../src/notify/policies.js';
import { OutboxWorker } from '../../src/notify/worker.js';
import type { Store } from '../../src/store/db.js';
import {
  definitionOf,
  depsFor,
  enqueue,
  insertRun,
  ntfyChannel,
  outboxRows,
  tempStore,
  testItem,
} from './setup.js';

let store: Store;
beforeEach(async () => {
  store = await tempStore();
});
afterEach(async () => {
  await store.close();
});

const PHONE = ntfyChannel('http://127.0.0.1:9');
const OPS = channelSchema.parse({ name: 'ops', type: 'chat', platform: 'slack', channel: 'C1' });

class RecordingChat implements ChatDelivery {
  readonly posts: Array<{ target: ChatTarget; message: NotificationMessage }> = [];
  async post(target: ChatTarget, message: NotificationMessage) {
    this.posts.push({ target, message });
    return { permalink: `https://slack.example/p${this.posts.length}` };
  }
}

describe('enqueueForRun', () => {
  it('writes one row per run and channel, keyed run:<id>:<channel>, never twice', async () => {
    const run = await insertRun(store, { notify_channels: '["phone","ops"]' });
    const deps = depsFor([PHONE, OPS], [testItem()]);
    expect(await enqueue(store, run, deps)).toBe(2);
    expect(await enqueue(store, run, deps)).toBe(0);
    const rows = await outboxRows(store);
    expect(rows.map((r) => r.dedupe_key)).toEqual([`run:${run.id}:phone`, `run:${run.id}:ops`]);
    expect(rows.every((r) => r.status === 'pending' && r.run_id === run.id)).toBe(true);
  });

  it('adds the channels named at submit to those of the definition policy', async () => {
    const def = { id: await definitionOf(store, testItem()) };
    const policy = {
      definitionId: def.id,
      on: 'failure' as const,
      channels: ['ops'],
      templates: {},
      includeOutput: false,
      outputMaxLines: 20,
      tags: {},
      priority: {},
    };
    await savePolicy(store.db, policy, testItem());
    const failed = await insertRun(store, {
      definition_id: def.id,
      status: 'failure',
      notify_channels: '["phone"]',
    });
    await enqueue(store, failed, depsFor([PHONE, OPS], [testItem()]));
    expect((await outboxRows(store)).map((r) => r.channel).sort()).toEqual(['ops', 'phone']);
  });

  it('posts to a chat channel for runs without a thread, once its adapter is there', async () => {
    const deps = depsFor([OPS], [testItem()]);
    const threaded = await insertRun(store, {
      notify_channels: '["ops"]',
      thread: JSON.stringify({ platform: 'slack', permalink: 'https://slack.example/t' }),
    });
    expect(await enqueue(store, threaded, deps)).toBe(0);

    const scheduled = await insertRun(store, { trigger: 'schedule', notify_channels: '["ops"]' });
    expect(await enqueue(store, scheduled, deps)).toBe(1);
    const sender = new OutboxWorker({ db: store.db, deliveries: deps.deliveries });
    expect(await sender.drain()).toMatchObject({ retry: 1 });
    const [waiting] = await outboxRows(store);
    expect(waiting?.last_error).toContain('slack is not connected');

    const chat = new RecordingChat();
    deps.deliveries.registerChat('slack', chat);
    await store.db.updateTable('outbox').set({ next_attempt_at: 0 }).execute();
    expect(await sender.drain()).toMatchObject({ sent: 1 });
    expect(chat.posts).toEqual([
      {
        target: { platform: 'slack', channel: 'C1', runId: scheduled.id },
        message: decodePayload(waiting!),
      },
    ]);
  });

  it('uses the run page for click and the view action when there is no thread', async () => {
    const run = await insertRun(store, { notify_channels: '["phone"]' });
    const page = (id: number) => `https://jobdeck.example/runs/${id}`;
    await enqueue(store, run, depsFor([PHONE], [testItem()], { runPageUrl: page }));
    const message = decodePayload((await outboxRows(store))[0]!);
    expect(message.click).toBe(page(run.id));
    expect(message.actions).toEqual([{ action: 'view', label: 'Open run', url: page(run.id) }]);
  });

  it('notifies nothing for runs that did not end or were skipped', async () => {
    for (const status of ['running', 'queued', 'skipped'] as const) {
      const run = await insertRun(store, { status, notify_channels: '["phone"]' });
      expect(await enqueue(store, run, depsFor([PHONE], [testItem()]))).toBe(0);
    }
  });

  it('never lets a notification problem undo the run it reports', async () => {
    const run = await insertRun(store, { notify_channels: '["phone"]' });
    const hook = notifyFinishHook({
      deliveries: new Deliveries([PHONE]),
      item: () => {
        throw new Error('catalog gone');
      },
      timezone: 'UTC',
    });
    await store.db.transaction().execute(async (trx) => {
      await trx.updateTable('runs').set({ error: 'recorded' }).where('id', '=', run.id).execute();
      await hook(trx, run);
    });
    const stored = await store.db.selectFrom('runs').select('error').executeTakeFirst();
    expect(stored?.error).toBe('recorded');
  });
});
