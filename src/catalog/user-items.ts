/** User items in SQLite and in the running catalog: loaded at start, saved from chat, API, CLI. */
import type { Transaction } from 'kysely';
import type { Logger } from '../log.js';
import { type Db, json } from '../store/db.js';
import type { Database } from '../store/tables.js';
import type { Catalog, Origin } from './collection.js';
import type { CatalogProblem } from './problems.js';
import type { CatalogItem } from './schema.js';
import { USER_SOURCES } from './sync.js';
import {
  changedFields,
  checkUserItem,
  type FieldProblem,
  nameProblem,
  type SaveMode,
} from './user-check.js';

export type UserSource = 'chat' | 'api' | 'import';

export type Change = 'added' | 'changed' | 'unchanged';

export interface PlannedItem {
  item: CatalogItem;
  change: Change;
  /** The top-level fields that differ from the saved item (for `changed`). */
  fields: string[];
}

export type SaveResult =
  | ({ ok: true } & PlannedItem)
  | { ok: false; problems: FieldProblem[]; name?: string };

export function userOrigin(source: string): Origin {
  return { file: `jobdeck database (${source})`, shipped: false, user: source };
}

/** What saving this item would do to the catalog. */
export function planItem(item: CatalogItem, catalog: Catalog): PlannedItem {
  const before = catalog.origin(item.name)?.user === undefined ? undefined : catalog.get(item.name);
  if (!before) return { item, change: 'added', fields: [] };
  const fields = changedFields(before, item);
  return { item, change: fields.length === 0 ? 'unchanged' : 'changed', fields };
}

async function writeRow(
  trx: Transaction<Database>,
  item: CatalogItem,
  source: UserSource,
  now: number,
): Promise<void> {
  const row = {
    display_name: item.display_name,
    description: item.description,
    category: item.category,
    difficulty: item.difficulty,
    definition: json.encode(item),
    system: 0,
    enabled: item.enabled ? 1 : 0,
    source,
    sort_order: item.sort_order,
    updated_at: now,
  };
  await trx
    .insertInto('catalog_items')
    .values({ name: item.name, ...row, created_at: now })
    .onConflict((conflict) => conflict.column('name').doUpdateSet(row))
    .execute();
}

export class UserItems {
  constructor(
    private readonly db: Db,
    private readonly catalog: Catalog,
    private readonly logger?: Logger,
  ) {}

  /** Puts the database's user items into the catalog; answers those skipped, with why. */
  async load(): Promise<CatalogProblem[]> {
    const rows = await this.db
      .selectFrom('catalog_items')
      .select(['name', 'definition', 'source'])
      .where('source', 'in', [...USER_SOURCES])
      .orderBy('name')
      .execute();
    const problems: CatalogProblem[] = [];
    for (const row of rows) {
      const origin = userOrigin(row.source);
      const hidden = this.catalog.origin(row.name);
      const raw = json.decode<unknown>(row.definition, null);
      // Checked again: the catalog's categories or rules may have changed since it was saved.
      const checked = checkUserItem(raw, this.catalog, hidden?.user ? 'upsert' : 'create');
      const kept = checked.ok ? [] : checked.problems.filter((p) => p.field !== 'name');
      if (!checked.ok && kept.length > 0) {
        for (const p of kept)
          problems.push({ file: origin.file, item: row.name, shipped: false, ...p });
        continue;
      }
      if (hidden && !hidden.user) {
        this.logger?.warn({ item: row.name, file: hidden.file }, 'user item hides a file item');
      }
      const item = checked.item;
      if (item) this.catalog.put(item, origin);
    }
    return problems;
  }

  /** Checks and saves one item; it is in the running catalog when this answers. */
  async save(
    raw: unknown,
    options: { source: UserSource; mode: SaveMode; now?: number },
  ): Promise<SaveResult> {
    const checked = checkUserItem(raw, this.catalog, options.mode);
    if (!checked.ok) return checked;
    const planned = planItem(checked.item, this.catalog);
    await this.apply([planned], options.source, options.now);
    return { ok: true, ...planned };
  }

  /** Writes planned items in one transaction, then puts them in the catalog. */
  async apply(planned: readonly PlannedItem[], source: UserSource, now = Date.now()) {
    const changing = planned.filter((p) => p.change !== 'unchanged');
    await this.db.transaction().execute(async (trx) => {
      for (const { item } of changing) await writeRow(trx, item, source, now);
    });
    for (const { item } of changing) this.catalog.put(item, userOrigin(source));
  }

  /** A copy of any item under a new name, as a user item. */
  async copy(from: string, to: string, source: UserSource): Promise<SaveResult> {
    const original = this.catalog.require(from);
    const taken = nameProblem(to, this.catalog, 'create');
    if (taken) return { ok: false, problems: [{ field: 'name', message: taken }], name: to };
    const display = `${original.display_name} (copy)`;
    return this.save({ ...original, name: to, display_name: display }, { source, mode: 'create' });
  }
}
