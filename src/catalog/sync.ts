/** Writes the catalog into SQLite: upserts by name, keeps user items, disables vanished ones. */
import type { Transaction } from 'kysely';
import { type Db, json } from '../store/db.js';
import type { Database } from '../store/tables.js';
import type { Catalog } from './catalog.js';

/** Sources of items created in chat, through the API or by `catalog import`, not from a file. */
export const USER_SOURCES: readonly string[] = ['chat', 'api', 'import'];

export interface SyncResult {
  /** Items written from the catalog files. */
  upserted: number;
  /** File items no longer in any file: kept for history, now disabled. */
  disabled: string[];
  /** Catalog items not written because a chat or API item already has the name. */
  conflicts: string[];
}

async function syncCategories(trx: Transaction<Database>, catalog: Catalog): Promise<void> {
  for (const category of catalog.categories()) {
    const row = {
      display_name: category.display_name,
      description: category.description,
      icon: category.icon ?? null,
      emoji: category.emoji ?? null,
      color: category.color ?? null,
      sort_order: category.sort_order,
      system: catalog.categoryOrigin(category.name)?.shipped ? 1 : 0,
    };
    await trx
      .insertInto('categories')
      .values({ name: category.name, ...row })
      .onConflict((conflict) => conflict.column('name').doUpdateSet(row))
      .execute();
  }
}

async function syncItems(trx: Transaction<Database>, catalog: Catalog, now: number) {
  const existing = await trx.selectFrom('catalog_items').select(['name', 'source']).execute();
  const sourceOf = new Map(existing.map((row) => [row.name, row.source]));
  const result: SyncResult = { upserted: 0, disabled: [], conflicts: [] };
  for (const item of catalog.items({ includeDisabled: true })) {
    const current = sourceOf.get(item.name);
    if (current !== undefined && USER_SOURCES.includes(current)) {
      result.conflicts.push(item.name);
      continue;
    }
    const origin = catalog.origin(item.name);
    const row = {
      display_name: item.display_name,
      description: item.description,
      category: item.category,
      difficulty: item.difficulty,
      definition: json.encode(item),
      system: origin?.shipped ? 1 : 0,
      enabled: item.enabled ? 1 : 0,
      source: origin?.file ?? 'catalog',
      sort_order: item.sort_order,
      updated_at: now,
    };
    await trx
      .insertInto('catalog_items')
      .values({ name: item.name, ...row, created_at: now })
      .onConflict((conflict) => conflict.column('name').doUpdateSet(row))
      .execute();
    result.upserted++;
  }
  return result;
}

async function disableVanished(trx: Transaction<Database>, catalog: Catalog, now: number) {
  const rows = await trx
    .selectFrom('catalog_items')
    .select(['name', 'source'])
    .where('enabled', '=', 1)
    .execute();
  const vanished = rows
    .filter((row) => !USER_SOURCES.includes(row.source) && !catalog.get(row.name))
    .map((row) => row.name);
  if (vanished.length > 0) {
    await trx
      .updateTable('catalog_items')
      .set({ enabled: 0, updated_at: now })
      .where('name', 'in', vanished)
      .execute();
  }
  return vanished;
}

/** Brings the catalog tables in line with the files, in one transaction. */
export async function syncCatalog(db: Db, catalog: Catalog, now = Date.now()): Promise<SyncResult> {
  return db.transaction().execute(async (trx) => {
    await syncCategories(trx, catalog);
    const result = await syncItems(trx, catalog, now);
    result.disabled = await disableVanished(trx, catalog, now);
    return result;
  });
}
