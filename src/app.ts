/** Builds jobdeck's parts from a configuration and wires them; starting them is main.ts's job. */
import { type Catalog, loadCatalog, shippedCatalogDir } from './catalog/catalog.js';
import { formatProblem } from './catalog/problems.js';
import { syncCatalog } from './catalog/sync.js';
import type { UserItems } from './catalog/user-items.js';
import type { LoadedConfig } from './config/load.js';
import { createRunLinks } from './http/links.js';
import { AccessPolicy } from './jobs/access.js';
import type { RunGroups } from './jobs/groups/groups.js';
import { Servers } from './jobs/servers.js';
import type { Workflows } from './jobs/workflows/engine.js';
import { type Logger, silentLogger } from './log.js';
import { Deliveries } from './notify/delivery.js';
import { skipGroupedRuns } from './notify/group-outbox.js';
import { notifyFinishHook } from './notify/outbox.js';
import { retrySettings } from './notify/retry.js';
import { OutboxWorker } from './notify/worker.js';
import { Executors } from './runner/executors.js';
import { Runner } from './runner/runner.js';
import { Scheduler } from './scheduler/scheduler.js';
import { openStore, type Store } from './store/db.js';
import { buildAdvanced } from './wiring/advanced.js';
import { fireSchedule } from './wiring/fire-schedule.js';

export interface App {
  readonly config: LoadedConfig;
  readonly logger: Logger;
  readonly store: Store;
  readonly catalog: Catalog;
  readonly servers: Servers;
  readonly executors: Executors;
  readonly runner: Runner;
  readonly scheduler: Scheduler;
  readonly deliveries: Deliveries;
  readonly outbox: OutboxWorker;
  readonly access: AccessPolicy;
  /** Items made in chat, through the API or by import; already in `catalog`. */
  readonly userItems: UserItems;
  readonly groups: RunGroups;
  readonly workflows: Workflows;
  close(): Promise<void>;
}

export interface AppOptions {
  logger?: Logger;
  now?: () => number;
  env?: NodeJS.ProcessEnv;
  /** Told about each invalid user catalog entry that was skipped. */
  onCatalogProblem?: (problem: string) => void;
}

/** Opens the store, loads and syncs the catalog, and builds every part (nothing started). */
export async function createApp(config: LoadedConfig, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? silentLogger();
  const store = await openStore(config.database);
  try {
    const { catalog, problems } = await loadCatalog({
      shippedDir: shippedCatalogDir(),
      userDirs: config.catalog_dirs,
      logger: logger.child({ component: 'catalog' }),
    });
    for (const problem of problems) options.onCatalogProblem?.(formatProblem(problem));
    await syncCatalog(store.db, catalog);
    const executors = new Executors({
      db: store.db,
      servers: config.servers,
      runner: config.runner,
      logger: logger.child({ component: 'ssh' }),
      env: options.env,
    });
    const servers = new Servers({
      db: store.db,
      servers: config.servers,
      executors,
      probeMaxAge: config.runner.probe_max_age,
      logger: logger.child({ component: 'servers' }),
    });
    await servers.sync();
    const deliveries = new Deliveries(config.notifications.channels);
    const outbox = new OutboxWorker({
      db: store.db,
      deliveries,
      retry: retrySettings(config.notifications),
      logger: logger.child({ component: 'outbox' }),
      ...(options.now ? { now: options.now } : {}),
    });
    const links = await createRunLinks(store.db, config.http, options.env);
    const notify = {
      deliveries,
      item: (name: string) => catalog.get(name),
      timezone: config.timezone,
      logger,
      runPageUrl: links?.runPage,
      runAgainUrl: links?.runAgain,
    };
    const hook = skipGroupedRuns(notifyFinishHook(notify));
    const runner = new Runner({
      db: store.db,
      executors,
      runner: config.runner,
      dataDir: config.data_dir,
      logger: logger.child({ component: 'runner' }),
      finishHooks: [hook],
    });
    runner.on((event) => {
      if (event.type === 'finished') outbox.wake();
    });
    const advanced = await buildAdvanced({
      config,
      db: store.db,
      catalog,
      runner,
      servers: async () => (await servers.list()).map((s) => ({ name: s.name, labels: s.labels })),
      notify,
      logger,
    });
    for (const problem of advanced.problems) options.onCatalogProblem?.(problem);
    advanced.groups.on((event) => event.type === 'finished' && outbox.wake());
    advanced.workflows.on((event) => event.type === 'finished' && outbox.wake());
    const scheduler = new Scheduler({
      db: store.db,
      fire: fireSchedule({ db: store.db, catalog, runner, groups: advanced.groups, logger }),
      logger: logger.child({ component: 'scheduler' }),
      ...(options.now ? { now: options.now } : {}),
    });
    const close = async () => {
      await scheduler.stop();
      await outbox.stop();
      const settled = Promise.all([advanced.workflows.stop(), advanced.groups.stop()]);
      await runner.close();
      await settled;
      await executors.close();
      await store.close();
    };
    return {
      config,
      logger,
      store,
      catalog,
      servers,
      executors,
      runner,
      scheduler,
      deliveries,
      outbox,
      access: new AccessPolicy(config.access),
      userItems: advanced.userItems,
      groups: advanced.groups,
      workflows: advanced.workflows,
      close,
    };
  } catch (error) {
    await store.close();
    throw error;
  }
}
