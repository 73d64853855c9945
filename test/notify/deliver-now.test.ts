import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deliverNow, describeDelivery } from '../../src/notify/deliver-now.js';
import { Deliveries } from '../../src/notify/delivery.js';
import type { RetrySettings } from '../../src/notify/retry.js';
import type { Store } from '../../src/store/db.js';
import { FakeNtfy } from '../fakes/ntfy.js';
import { depsFor, enqueue, insertRun, ntfyChannel, tempStore, testItem } from './setup.js';

let fake: FakeNtfy;
let store: Store;
beforeEach(async () => {
  fake = await FakeNtfy.start();
  store = await tempStore();
});
afterEach(async () => {
  await store.close();
  await fake.close();
});

const retry = (initialDelayMs: number): RetrySettings => ({
  initialDelayMs,
  maxDelayMs: initialDelayMs * 4,
  maxAgeMs: 3_600_000,
  requestTimeoutMs: 5_000,
});

async function finishedRun(): Promise<number> {
  const run = await insertRun(store, { notify_channels: '["phone"]' });
  await enqueue(store, run, depsFor([ntfyChannel(fake.url)], [testItem()]));
  return run.id;
}

describe('deliverNow', () => {
  it('retries through failures within the bound and reports the notification sent', async () => {
    fake.failNext(503, 2);
    const runId = await finishedRun();
    const deliveries = new Deliveries([ntfyChannel(fake.url)]);
    const result = await deliverNow(store, runId, { waitMs: 20_000, deliveries, retry: retry(20) });
    expect(result.leftQueued).toBe(false);
    expect(result.channels).toMatchObject([{ channel: 'phone', status: 'sent', attempts: 3 }]);
    expect(fake.messages).toHaveLength(1);
    expect(describeDelivery(result)).toEqual(['notification sent to phone']);
  });

  it('stops waiting past the bound, saying the bot delivers what is left queued', async () => {
    fake.down();
    const runId = await finishedRun();
    const deliveries = new Deliveries([ntfyChannel(fake.url)]);
    const result = await deliverNow(store, runId, { waitMs: 100, deliveries, retry: retry(5_000) });
    expect(result.leftQueued).toBe(true);
    expect(result.channels).toMatchObject([{ channel: 'phone', status: 'pending', attempts: 1 }]);
    const [line] = describeDelivery(result);
    expect(line).toContain('notification to phone not delivered yet');
    expect(line).toContain('503');
    expect(line).toContain('left queued: the bot (jobdeck start) tries again');
  });
});
