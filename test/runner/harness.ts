/** A runner on a temporary database and data folder, for the runner tests. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type CatalogItem, itemSchema } from '../../src/catalog/schema.js';
import { configFrom } from '../../src/config/load.js';
import { Servers } from '../../src/jobs/servers.js';
import { silentLogger } from '../../src/log.js';
import { Executors } from '../../src/runner/executors.js';
import type { FinishHook } from '../../src/runner/run-store.js';
import { type RunEvent, Runner } from '../../src/runner/runner.js';
import { openStore } from '../../src/store/db.js';

export interface HarnessOptions {
  servers: Record<string, unknown>[];
  runner?: Record<string, unknown>;
  finishHooks?: FinishHook[];
  dir?: string;
}

export async function makeRunner(options: HarnessOptions) {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'jobdeck-runner-'));
  const config = configFrom({
    database: join(dir, 'jobdeck.db'),
    servers: options.servers,
    runner: { retry_delay: 0.05, ...options.runner },
  });
  const store = await openStore(config.database);
  const logger = silentLogger();
  const executors = new Executors({
    db: store.db,
    servers: config.servers,
    runner: config.runner,
    logger,
  });
  const servers = new Servers({
    db: store.db,
    servers: config.servers,
    executors,
    probeMaxAge: config.runner.probe_max_age,
    logger,
  });
  await servers.sync();
  const runner = new Runner({
    db: store.db,
    executors,
    runner: config.runner,
    dataDir: config.data_dir,
    logger,
    finishHooks: options.finishHooks,
    cancelPollMs: 100,
  });
  const events: RunEvent[] = [];
  let kept = 0;
  runner.on((event) => {
    // Output is kept up to a point only: the big-output test measures the runner's memory.
    if (event.type === 'output') kept += event.text.length;
    if (event.type !== 'output' || kept <= 1024 * 1024) events.push(event);
  });
  const close = async () => {
    await runner.close();
    await executors.close();
    await store.close();
  };
  return { dir, config, store, executors, servers, runner, events, close };
}

export type Harness = Awaited<ReturnType<typeof makeRunner>>;

/** A catalog item for a test: a command and whatever else the test sets. */
export function testItem(command: string, overrides: Partial<CatalogItem> = {}): CatalogItem {
  return itemSchema.parse({
    name: 'test_item',
    display_name: 'Test item',
    category: 'system',
    command,
    ...overrides,
  });
}

/** Output events of one run, joined in arrival order. */
export function outputOf(events: RunEvent[], runId: number): string {
  return events.map((e) => (e.type === 'output' && e.runId === runId ? e.text : '')).join('');
}
