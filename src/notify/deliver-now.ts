/** `run --notify`: sends one run's notifications before the command exits, within a bound. */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../log.js';
import type { Store } from '../store/db.js';
import type { Deliveries } from './delivery.js';
import type { RetrySettings } from './retry.js';
import { OutboxWorker } from './worker.js';

export interface DeliverNowOptions {
  /** The longest the caller waits, retries included. */
  waitMs: number;
  deliveries: Deliveries;
  retry?: RetrySettings;
  logger?: Logger;
}

export interface ChannelState {
  channel: string;
  status: 'sent' | 'pending' | 'abandoned';
  attempts: number;
  lastError: string | null;
  /** For a pending row: when the bot will try it next. */
  nextAttemptAt: number;
}

export interface DeliverNowResult {
  channels: ChannelState[];
  /** True when something is still queued: the bot (`jobdeck start`) delivers it later. */
  leftQueued: boolean;
}

async function states(store: Store, runId: number): Promise<ChannelState[]> {
  const rows = await store.db
    .selectFrom('outbox')
    .select(['channel', 'status', 'attempts', 'last_error', 'next_attempt_at'])
    .where('run_id', '=', runId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    channel: r.channel,
    status: r.status,
    attempts: r.attempts,
    lastError: r.last_error,
    nextAttemptAt: r.next_attempt_at,
  }));
}

/** Tries the run's pending notifications until all are settled or `waitMs` has passed. */
export async function deliverNow(
  store: Store,
  runId: number,
  options: DeliverNowOptions,
): Promise<DeliverNowResult> {
  const deadline = Date.now() + options.waitMs;
  const worker = new OutboxWorker({
    db: store.db,
    deliveries: options.deliveries,
    ...(options.retry ? { retry: options.retry } : {}),
    ...(options.logger ? { logger: options.logger } : {}),
  });
  for (;;) {
    await worker.drain({ runId });
    const channels = await states(store, runId);
    const pending = channels.filter((c) => c.status === 'pending');
    if (pending.length === 0) return { channels, leftQueued: false };
    const next = Math.min(...pending.map((c) => c.nextAttemptAt));
    if (next > deadline) return { channels, leftQueued: true };
    await sleep(Math.max(0, next - Date.now()));
  }
}

/** One line per channel, as `jobdeck run --notify` prints them. */
export function describeDelivery(result: DeliverNowResult): string[] {
  return result.channels.map((c) => {
    if (c.status === 'sent') return `notification sent to ${c.channel}`;
    if (c.status === 'abandoned') return `notification to ${c.channel} failed: ${c.lastError}`;
    const at = new Date(c.nextAttemptAt).toISOString();
    return (
      `notification to ${c.channel} not delivered yet (${c.lastError ?? 'not tried'}); ` +
      `left queued: the bot (jobdeck start) tries again from ${at}`
    );
  });
}
