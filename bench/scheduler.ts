/**
 * Scheduler benchmark: 1,000 schedules due in the same second (start delay p50/p99 from the due
 * time to fire()), and CPU use while 1,000 schedules wait.
 * Run: node --expose-gc --import tsx bench/scheduler.ts (with --expose-gc, set-up garbage is
 * collected before the idle windows, so they measure waiting, not the collector).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { itemSchema } from '../src/catalog/schema.js';
import { createDefinition } from '../src/jobs/definitions.js';
import { createSchedule } from '../src/scheduler/manage.js';
import { Scheduler } from '../src/scheduler/scheduler.js';
import { openStore, type Store } from '../src/store/db.js';

const SCHEDULES = 1000;
const ROUNDS = 3;
const IDLE_WINDOWS = 3;
const WINDOW_MS = 10_000;

const item = itemSchema.parse({
  name: 'noop',
  display_name: 'No-op',
  category: 'bench',
  command: 'true',
});

async function seed(store: Store, cron: string, timezone: string): Promise<void> {
  const { id } = await createDefinition(store.db, {
    item,
    parameters: {},
    servers: ['local'],
    createdBy: 'bench',
    platform: 'cli',
  });
  await store.db.transaction().execute(async (trx) => {
    for (let i = 0; i < SCHEDULES; i += 1) {
      await createSchedule(trx, { definitionId: id, cron, timezone, createdBy: 'bench' });
    }
  });
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Every schedule fires every 2 s; waits for ROUNDS due times fired by all of them. */
async function startDelay(store: Store): Promise<number[]> {
  await seed(store, '*/2 * * * * *', 'Europe/Berlin');
  const byDue = new Map<number, number[]>();
  const scheduler = new Scheduler({
    db: store.db,
    syncInterval: 0,
    fire: async (_schedule, dueAt) => {
      const delay = Date.now() - dueAt;
      const delays = byDue.get(dueAt);
      if (delays) delays.push(delay);
      else byDue.set(dueAt, [delay]);
    },
  });
  await scheduler.start();
  const complete = () => [...byDue.values()].filter((d) => d.length === SCHEDULES);
  while (complete().length < ROUNDS) await sleep(100);
  await scheduler.stop();
  return complete().flat();
}

/** CPU time over wall time, in %, for 10 s windows while 1,000 schedules wait for a yearly time. */
async function idleCpu(store: Store): Promise<number[]> {
  await seed(store, '17 4 29 2 *', 'Europe/Berlin');
  const scheduler = new Scheduler({ db: store.db, fire: async () => {} });
  await scheduler.start();
  await sleep(2_000);
  (globalThis as { gc?: () => void }).gc?.();
  const windows: number[] = [];
  for (let i = 0; i < IDLE_WINDOWS; i += 1) {
    const cpu = process.cpuUsage();
    const wall = performance.now();
    await sleep(WINDOW_MS);
    const used = process.cpuUsage(cpu);
    const ms = (used.user + used.system) / 1000;
    windows.push((ms / (performance.now() - wall)) * 100);
  }
  await scheduler.stop();
  return windows;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function withStore<T>(run: (store: Store) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), 'jobdeck-bench-'));
  const store = await openStore(join(dir, 'bench.db'));
  try {
    return await run(store);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

const cpu = await withStore(idleCpu);
const delays = (await withStore(startDelay)).sort((a, b) => a - b);
const fixed = (n: number) => n.toFixed(2);
console.log(`scheduler: ${SCHEDULES} schedules due in the same second, ${ROUNDS} rounds`);
console.log(
  `  start delay  p50 ${percentile(delays, 50)} ms  p99 ${percentile(delays, 99)} ms  ` +
    `max ${delays.at(-1)} ms  (target p99 < 100 ms)`,
);
console.log(
  `  idle CPU     ${cpu.map(fixed).join('% / ')}% per ${WINDOW_MS / 1000} s window, ` +
    `max ${fixed(Math.max(...cpu))}%  (target < 1%)`,
);
