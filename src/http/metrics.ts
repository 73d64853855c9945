/** /metrics for Prometheus: run counts and durations from events, gauges read at scrape time. */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { RunStatus } from '../store/tables.js';
import type { HttpContext } from './context.js';
import { schedulerState } from './health.js';
import type { Router } from './route.js';

const SAMPLE_MS = 5000;
const DURATION_BUCKETS = [0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600, 4 * 3600];

export class Metrics {
  readonly registry = new Registry();
  readonly #stop: () => void;
  readonly #timer: NodeJS.Timeout;
  readonly #wasUp = new Map<string, boolean>();
  readonly #reconnects: Counter<'platform'>;

  constructor(private readonly ctx: HttpContext) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    const runs = new Counter({
      name: 'jobdeck_runs_total',
      help: 'Runs finished since start, by item, status and trigger',
      labelNames: ['item', 'status', 'trigger'] as const,
      registers,
    });
    const duration = new Histogram({
      name: 'jobdeck_run_duration_seconds',
      help: 'How long finished runs took',
      labelNames: ['item', 'status'] as const,
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.#reconnects = new Counter({
      name: 'jobdeck_platform_reconnects_total',
      help: 'Times a chat platform came back after being down',
      labelNames: ['platform'] as const,
      registers,
    });
    this.#stop = ctx.app.runner.on((event) => {
      if (event.type !== 'finished') return;
      const { item_name: item, status, trigger, duration_ms: ms } = event.run;
      runs.inc({ item, status, trigger });
      if (ms !== null) duration.observe({ item, status }, ms / 1000);
    });
    this.#gauges(registers);
    this.#sample();
    this.#timer = setInterval(() => this.#sample(), SAMPLE_MS);
    this.#timer.unref();
  }

  async render(): Promise<{ type: string; text: string }> {
    this.#sample();
    return { type: this.registry.contentType, text: await this.registry.metrics() };
  }

  close(): void {
    this.#stop();
    clearInterval(this.#timer);
    this.registry.clear();
  }

  /** Counts a reconnect when a platform that was up, then down, is up again. */
  #sample(): void {
    for (const platform of this.ctx.platforms) {
      const up = platform.healthy();
      const before = this.#wasUp.get(platform.name);
      if (up && before === false) this.#reconnects.inc({ platform: platform.name });
      if (up || before !== undefined) this.#wasUp.set(platform.name, up);
    }
  }

  #gauges(registers: Registry[]): void {
    const { db } = this.ctx.app.store;
    const countRuns = async (status: RunStatus) => {
      const row = await db
        .selectFrom('runs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', status)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    };
    const gauge = (name: string, help: string, read: () => Promise<number>) =>
      new Gauge({
        name,
        help,
        registers,
        async collect() {
          this.set(await read());
        },
      });
    gauge('jobdeck_queue_depth', 'Runs waiting for a slot', () => countRuns('queued'));
    gauge('jobdeck_runs_running', 'Runs executing now', () => countRuns('running'));
    gauge('jobdeck_outbox_depth', 'Notifications waiting to be delivered', async () => {
      const row = await db
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    });
    this.#outboxFailures(registers);
    gauge('jobdeck_scheduler_lag_seconds', 'How late the oldest waiting due time is', async () => {
      return (await schedulerState(this.ctx)).lagSeconds;
    });
    const platforms = this.ctx.platforms;
    new Gauge({
      name: 'jobdeck_platform_up',
      help: '1 when the chat platform is connected',
      labelNames: ['platform'] as const,
      registers,
      collect() {
        for (const p of platforms) this.set({ platform: p.name }, p.healthy() ? 1 : 0);
      },
    });
  }

  #outboxFailures(registers: Registry[]): void {
    const { db } = this.ctx.app.store;
    new Gauge({
      name: 'jobdeck_outbox_failures',
      help: 'Notifications that failed: retrying (pending after a failure) or abandoned',
      labelNames: ['state'] as const,
      registers,
      async collect() {
        const rows = await db
          .selectFrom('outbox')
          .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
          .where((eb) =>
            eb.or([
              eb('status', '=', 'abandoned'),
              eb.and([eb('status', '=', 'pending'), eb('attempts', '>', 0)]),
            ]),
          )
          .groupBy('status')
          .execute();
        const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
        this.set({ state: 'retrying' }, count('pending'));
        this.set({ state: 'abandoned' }, count('abandoned'));
      },
    });
  }
}

export function metricsRoute(router: Router, metrics: Metrics): void {
  router.add({
    method: 'GET',
    url: '/metrics',
    tag: 'health',
    summary: 'Prometheus metrics (needs a token, as every route but /healthz)',
    produces: 'text/plain',
    async handler({ reply }) {
      const { type, text } = await metrics.render();
      return reply.type(type).send(text);
    },
  });
}
