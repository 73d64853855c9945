import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/log.js';
import { Deliveries } from '../../src/notify/delivery.js';
import { decodePayload } from '../../src/notify/outbox.js';
import type { RetrySettings } from '../../src/notify/retry.js';
import { OutboxWorker, type WorkerOptions } from '../../src/notify/worker.js';
import type { Store } from '../../src/store/db.js';
import { FakeNtfy, type StoredMessage } from '../fakes/ntfy.js';
import {
  depsFor,
  enqueue,
  insertRun,
  ntfyChannel,
  outboxRows,
  tempDbPath,
  tempStore,
  testItem,
} from './setup.js';

const RETRY: RetrySettings = {
  initialDelayMs: 1_000,
  maxDelayMs: 60_000,
  maxAgeMs: 3_600_000,
  requestTimeoutMs: 5_000,
};
const ITEM = testItem({
  success_title_template: '{{greeting}} done',
  failure_title_template: '{{greeting}} failed',
});

let fake: FakeNtfy;
let store: Store;
let clock: number;
beforeEach(async () => {
  fake = await FakeNtfy.start();
  store = await tempStore();
  clock = Date.now();
});
afterEach(async () => {
  await store.close();
  await fake.close();
});

function worker(on = store, extra: Partial<WorkerOptions> = {}): OutboxWorker {
  const deliveries = new Deliveries([ntfyChannel(fake.url)]);
  return new OutboxWorker({ db: on.db, deliveries, retry: RETRY, now: () => clock, ...extra });
}

async function finishRuns(count: number, on = store): Promise<void> {
  const deps = depsFor([ntfyChannel(fake.url)], [ITEM], { now: () => clock });
  for (let i = 0; i < count; i++) {
    const run = await insertRun(on, {
      status: i % 2 === 0 ? 'success' : 'failure',
      exit_code: i % 2,
      parameters: JSON.stringify({ greeting: `hello-${i}` }),
      notify_channels: '["phone"]',
    });
    await enqueue(on, run, deps);
  }
}

/** A stored ntfy message in the shape of the payload jobdeck recorded. */
function asPayload(m: StoredMessage) {
  return {
    title: m.title ?? '',
    body: m.message,
    tags: m.tags ?? [],
    priority: m.priority ?? 3,
    click: m.click ?? '',
    actions: (m.actions ?? []).map(({ action, label, url }) => ({ action, label, url })),
    markdown: m.content_type === 'text/markdown',
  };
}

const byTitle = (a: { title: string }, b: { title: string }) => a.title.localeCompare(b.title);

describe('OutboxWorker', () => {
  it('delivers 100 notifications queued while ntfy answers 503, once each, as stored', async () => {
    fake.down();
    await finishRuns(100);
    const sender = worker();
    expect(await sender.drain()).toMatchObject({ due: 100, sent: 0, retry: 100 });
    expect(await sender.drain()).toMatchObject({ due: 0 });
    expect(fake.requests).toHaveLength(100);

    fake.down(false);
    clock += RETRY.maxDelayMs;
    for (let pass = 0; pass < 5 && (await sender.drain()).due > 0; pass++);

    const rows = await outboxRows(store);
    expect(rows.every((r) => r.status === 'sent' && r.attempts === 2)).toBe(true);
    const recorded = rows.map(decodePayload).sort(byTitle);
    expect(fake.messages.map(asPayload).sort(byTitle)).toEqual(recorded);
    expect(new Set(fake.messages.map((m) => m.title)).size).toBe(100);
  });

  it('sends what a previous process left pending, from a new worker on the same file', async () => {
    const path = tempDbPath();
    const before = await tempStore(path);
    await finishRuns(3, before);
    await before.close();

    const after = await tempStore(path);
    try {
      expect(await worker(after).drain()).toMatchObject({ sent: 3 });
      expect(fake.messages.map((m) => m.title).sort()).toEqual([
        'hello-0 done',
        'hello-1 failed',
        'hello-2 done',
      ]);
    } finally {
      await after.close();
    }
  });

  it('waits as long as Retry-After says after a 429', async () => {
    fake.failNext(429, 1, 7);
    await finishRuns(1);
    const sender = worker();
    const start = clock;
    expect(await sender.drain()).toMatchObject({ retry: 1 });
    const [row] = await outboxRows(store);
    expect(row?.next_attempt_at).toBe(start + 7000);

    clock = start + 6999;
    expect(await sender.drain()).toMatchObject({ due: 0 });
    clock = start + 7000;
    expect(await sender.drain()).toMatchObject({ sent: 1 });
    expect(fake.requests.map((r) => r.status)).toEqual([429, 200]);
  });

  it('backs off exponentially with jitter between failures', async () => {
    fake.down();
    await finishRuns(1);
    const sender = worker(store, { random: () => 1 });
    const waits: number[] = [];
    for (let i = 0; i < 4; i++) {
      await sender.drain();
      const [row] = await outboxRows(store);
      waits.push((row?.next_attempt_at ?? 0) - clock);
      clock = row?.next_attempt_at ?? clock;
    }
    expect(waits).toEqual([1000, 2000, 4000, 8000]);
  });

  it('gives up after the maximum age with a warning and an audit entry', async () => {
    const lines = new PassThrough();
    const logged: string[] = [];
    lines.on('data', (chunk) => logged.push(String(chunk)));
    fake.down();
    await finishRuns(1);
    const created = clock;
    const sender = worker(store, { logger: createLogger({ level: 'warn', destination: lines }) });
    await sender.drain();
    clock = created + RETRY.maxAgeMs - 1;
    await sender.drain();
    const [capped] = await outboxRows(store);
    expect(capped?.next_attempt_at).toBe(created + RETRY.maxAgeMs);

    clock = created + RETRY.maxAgeMs;
    expect(await sender.drain()).toMatchObject({ abandoned: 1 });
    const [row] = await outboxRows(store);
    expect(row).toMatchObject({ status: 'abandoned', attempts: 3 });
    const audit = await store.db.selectFrom('audit_log').selectAll().execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: 'notify_abandoned', item_name: 'say_hello' });
    expect(audit[0]?.detail).toMatch(/to phone: undelivered after max age after 3 attempts.*503/);
    expect(logged.join('')).toContain('notification given up');
  });

  it('gives up at once when the server refuses in a way retrying cannot fix', async () => {
    const strict = await FakeNtfy.start({ tokens: ['right'] });
    try {
      await finishRuns(1);
      const deliveries = new Deliveries([ntfyChannel(strict.url)]);
      const sender = new OutboxWorker({ db: store.db, deliveries, retry: RETRY });
      expect(await sender.drain()).toMatchObject({ abandoned: 1 });
      const audit = await store.db.selectFrom('audit_log').selectAll().execute();
      expect(audit[0]?.detail).toContain('refused by the channel');
      expect(audit[0]?.detail).toContain('40301');
    } finally {
      await strict.close();
    }
  });

  it('runs on its own once started, and stops cleanly', async () => {
    const sender = worker(store, { now: Date.now, pollMs: 20 });
    sender.start();
    try {
      await finishRuns(2);
      sender.wake();
      await vi.waitFor(() => expect(fake.messages).toHaveLength(2), { timeout: 10_000 });
    } finally {
      await sender.stop();
    }
  });
});
