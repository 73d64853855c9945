/** Sends due outbox rows: at least once per (run, channel), retried, given up after max age. */

import { messageOf } from '../errors.js';
import { type Logger, silentLogger } from '../log.js';
import type { Db } from '../store/db.js';
import type { OutboxRow } from '../store/tables.js';
import { abandonRow } from './abandon.js';
import type { Deliveries } from './delivery.js';
import { DeliveryError } from './delivery-error.js';
import { decodePayload } from './outbox.js';
import { backoffDelay, DEFAULT_RETRY, nextAttemptAt, type RetrySettings } from './retry.js';

export interface WorkerOptions {
  db: Db;
  deliveries: Deliveries;
  retry?: RetrySettings | undefined;
  logger?: Logger | undefined;
  now?: (() => number) | undefined;
  random?: (() => number) | undefined;
  /** How often the running worker looks for due rows. */
  pollMs?: number | undefined;
  /** Rows sent at the same time. */
  concurrency?: number | undefined;
}

export type Outcome = 'sent' | 'retry' | 'abandoned' | 'skipped';

export interface DrainResult {
  /** Rows that were due when the pass began. */
  due: number;
  sent: number;
  retry: number;
  abandoned: number;
}

const BATCH = 100;

export class OutboxWorker {
  readonly #o: { [K in keyof WorkerOptions]-?: Exclude<WorkerOptions[K], undefined> };
  readonly #pausedUntil = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;
  #stopped = true;

  constructor(options: WorkerOptions) {
    this.#o = Object.freeze({
      db: options.db,
      deliveries: options.deliveries,
      retry: options.retry ?? DEFAULT_RETRY,
      logger: options.logger ?? silentLogger(),
      now: options.now ?? Date.now,
      random: options.random ?? Math.random,
      pollMs: options.pollMs ?? 1000,
      concurrency: options.concurrency ?? 4,
    });
  }

  /** Polls for due rows until stopped; rows left by a previous process go first. */
  start(): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#schedule(0);
  }

  /** Looks for due rows now, such as right after a run has ended. */
  wake(): void {
    if (!this.#stopped && !this.#running) this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    await this.#running;
  }

  #schedule(delay: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#running = this.#tick().finally(() => {
        this.#running = undefined;
      });
    }, delay);
    this.#timer.unref();
  }

  async #tick(): Promise<void> {
    let full = false;
    try {
      const result = await this.drain();
      full = result.due === BATCH && result.sent + result.retry + result.abandoned > 0;
    } catch (error) {
      this.#o.logger.error({ err: error }, 'outbox pass failed; trying again');
    }
    if (!this.#stopped) this.#schedule(full ? 0 : this.#o.pollMs);
  }

  #due(runId?: number): Promise<OutboxRow[]> {
    let query = this.#o.db
      .selectFrom('outbox')
      .selectAll()
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', this.#o.now());
    if (runId !== undefined) query = query.where('run_id', '=', runId);
    return query.orderBy('next_attempt_at').orderBy('id').limit(BATCH).execute();
  }

  /** One pass: sends every due row (of one run, when given) and records each outcome. */
  async drain(filter: { runId?: number } = {}): Promise<DrainResult> {
    const rows = await this.#due(filter.runId);
    const result: DrainResult = { due: rows.length, sent: 0, retry: 0, abandoned: 0 };
    let next = 0;
    const lane = async () => {
      while (next < rows.length) {
        const row = rows[next++] as OutboxRow;
        const outcome = await this.attempt(row);
        if (outcome !== 'skipped') result[outcome]++;
      }
    };
    await Promise.all(Array.from({ length: this.#o.concurrency }, lane));
    return result;
  }

  /** Sends one row if it is still due and no other sender took it. */
  async attempt(row: OutboxRow): Promise<Outcome> {
    const now = this.#o.now();
    if ((this.#pausedUntil.get(row.channel) ?? 0) > now) return 'skipped';
    if (!(await this.#claim(row, now))) return 'skipped';
    try {
      await this.#o.deliveries.send(row.channel, decodePayload(row), row.run_id);
    } catch (error) {
      return this.#failed(row, error);
    }
    await this.#o.db
      .updateTable('outbox')
      .set({ status: 'sent', sent_at: this.#o.now(), attempts: row.attempts + 1, last_error: null })
      .where('id', '=', row.id)
      .execute();
    this.#o.logger.debug({ outboxId: row.id, runId: row.run_id, channel: row.channel }, 'sent');
    return 'sent';
  }

  /** Leases the row for the length of one request, so a second process leaves it alone. */
  async #claim(row: OutboxRow, now: number): Promise<boolean> {
    const lease = now + this.#o.retry.requestTimeoutMs + 30_000;
    const claimed = await this.#o.db
      .updateTable('outbox')
      .set({ next_attempt_at: lease })
      .where('id', '=', row.id)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '=', row.next_attempt_at)
      .executeTakeFirst();
    return Number(claimed.numUpdatedRows) === 1;
  }

  async #failed(row: OutboxRow, error: unknown): Promise<Outcome> {
    const now = this.#o.now();
    const attempts = row.attempts + 1;
    const lastError = messageOf(error);
    const retryable = !(error instanceof DeliveryError) || error.retryable;
    const settings = this.#o.retry;
    if (!retryable || now - row.created_at >= settings.maxAgeMs) {
      const why = retryable ? 'undelivered after max age' : 'refused by the channel';
      const detail = await abandonRow(this.#o.db, row, { attempts, lastError, why, now });
      this.#o.logger.warn(
        { outboxId: row.id, runId: row.run_id, channel: row.channel, attempts },
        `notification given up: ${detail}; recorded in the audit log`,
      );
      return 'abandoned';
    }
    const after = error instanceof DeliveryError ? error.retryAfterMs : undefined;
    if (after !== undefined) this.#pausedUntil.set(row.channel, now + after);
    const delay = after ?? backoffDelay(attempts, settings, this.#o.random);
    const at = nextAttemptAt(now, row.created_at, delay, settings);
    await this.#o.db
      .updateTable('outbox')
      .set({ attempts, last_error: lastError, next_attempt_at: at })
      .where('id', '=', row.id)
      .execute();
    this.#o.logger.debug({ outboxId: row.id, channel: row.channel, attempts, at }, lastError);
    return 'retry';
  }
}
