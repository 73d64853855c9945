/** The catalog as `jobdeck start` runs it, for commands: files, then the database's user items. */
import { existsSync } from 'node:fs';
import { type Catalog, loadCatalog, shippedCatalogDir } from '../catalog/catalog.js';
import { formatProblem } from '../catalog/problems.js';
import { UserItems } from '../catalog/user-items.js';
import { openStore } from '../store/db.js';
import type { CliContext } from './command.js';
import { configOf } from './options.js';

export interface UserCatalog {
  catalog: Catalog;
  userItems: UserItems;
}

/** Opens the database and the catalog with its user items; closes the database afterwards. */
export async function withUserCatalog<T>(
  context: CliContext,
  use: (parts: UserCatalog) => Promise<T>,
): Promise<T> {
  const config = configOf(context);
  const store = await openStore(config.database);
  try {
    const { catalog, problems } = await loadCatalog({
      shippedDir: shippedCatalogDir(),
      userDirs: config.catalog_dirs,
    });
    const userItems = new UserItems(store.db, catalog);
    const skipped = [...problems, ...(await userItems.load())];
    for (const problem of skipped) context.err(`warning: ${formatProblem(problem)}; skipped`);
    return await use({ catalog, userItems });
  } finally {
    await store.close();
  }
}

/** Adds the user items of an existing database to a loaded catalog; none when there is none. */
export async function addUserItems(context: CliContext, database: string, catalog: Catalog) {
  if (database !== ':memory:' && !existsSync(database)) return;
  const store = await openStore(database);
  try {
    const skipped = await new UserItems(store.db, catalog).load();
    for (const problem of skipped) context.err(`warning: ${formatProblem(problem)}; skipped`);
  } finally {
    await store.close();
  }
}
