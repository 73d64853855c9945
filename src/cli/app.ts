/** What the run and server commands share, opened from the configuration, closed together. */
import { type Catalog, loadCatalog, shippedCatalogDir } from '../catalog/catalog.js';
import { formatProblem } from '../catalog/problems.js';
import { syncCatalog } from '../catalog/sync.js';
import { UserItems } from '../catalog/user-items.js';
import type { LoadedConfig } from '../config/load.js';
import { Servers } from '../jobs/servers.js';
import { createLogger, type Logger } from '../log.js';
import { Executors } from '../runner/executors.js';
import { Runner } from '../runner/runner.js';
import { openStore, type Store } from '../store/db.js';
import type { CliContext } from './command.js';
import { configOf } from './options.js';

export interface App {
  config: LoadedConfig;
  store: Store;
  catalog: Catalog;
  executors: Executors;
  servers: Servers;
  runner: Runner;
  close(): Promise<void>;
}

/** Command-line logs go to stderr and stay quiet unless JOBDECK_LOG_LEVEL asks for more. */
function cliLogger(context: CliContext): Logger {
  return createLogger({
    level: context.io.env.JOBDECK_LOG_LEVEL ?? 'warn',
    destination: context.io.stderr,
  });
}

export async function openApp(context: CliContext): Promise<App> {
  const config = configOf(context);
  const logger = cliLogger(context);
  const store = await openStore(config.database);
  try {
    const { db } = store;
    const loaded = await loadCatalog({
      shippedDir: shippedCatalogDir(),
      userDirs: config.catalog_dirs,
      logger,
    });
    for (const problem of loaded.problems) context.err(`warning: ${formatProblem(problem)}`);
    await syncCatalog(db, loaded.catalog);
    const skipped = await new UserItems(db, loaded.catalog).load();
    for (const problem of skipped) context.err(`warning: ${formatProblem(problem)}`);
    const { runner: settings, servers: list } = config;
    const executors = new Executors({
      db,
      servers: list,
      runner: settings,
      logger,
      env: context.io.env,
    });
    const probeMaxAge = settings.probe_max_age;
    const servers = new Servers({ db, servers: list, executors, probeMaxAge, logger });
    await servers.sync();
    const runner = new Runner({
      db,
      executors,
      runner: settings,
      dataDir: config.data_dir,
      logger,
    });
    const close = async () => {
      await runner.close();
      await executors.close();
      await store.close();
    };
    return { config, store, catalog: loaded.catalog, executors, servers, runner, close };
  } catch (error) {
    await store.close();
    throw error;
  }
}

/** Opens the app for one command and always closes it, whatever the command does. */
export async function withApp<T>(context: CliContext, use: (app: App) => Promise<T>): Promise<T> {
  const app = await openApp(context);
  try {
    return await use(app);
  } finally {
    await app.close();
  }
}
