/** Checks a user item exactly as the loader checks a file's item, plus where its name may go. */
import { describeIssues } from '../config/issues.js';
import { checkItem, type FieldProblem as ItemProblem } from './check.js';
import type { Catalog } from './collection.js';
import { type CatalogItem, itemSchema } from './schema.js';
import { didYouMean } from './suggest.js';

export type FieldProblem = ItemProblem;

/** How a save treats an existing user item of the same name. */
export type SaveMode = 'create' | 'replace' | 'upsert';

export type UserItemCheck =
  | { ok: true; item: CatalogItem }
  | { ok: false; problems: FieldProblem[]; name?: string; item?: CatalogItem };

function nameOf(raw: unknown): string | undefined {
  const name = (raw as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name !== '' ? name : undefined;
}

const SHIPPED = 'is shipped with jobdeck and cannot be changed in place; copy it under a new name';

/** Why this name cannot be saved as a user item, or undefined when it can. */
export function nameProblem(name: string, catalog: Catalog, mode: SaveMode): string | undefined {
  const origin = catalog.origin(name);
  if (!origin) {
    if (mode !== 'replace') return undefined;
    return `no user item ${name}${didYouMean(name, userItemNames(catalog))}`;
  }
  if (origin.shipped) return `${name} ${SHIPPED}`;
  if (origin.user === undefined) return `duplicate item name (first defined in ${origin.file})`;
  if (mode === 'create') return `an item named ${name} already exists; edit it or pick a new name`;
  return undefined;
}

export function userItemNames(catalog: Catalog): string[] {
  return catalog
    .items({ includeDisabled: true })
    .filter((item) => catalog.origin(item.name)?.user !== undefined)
    .map((item) => item.name);
}

/** The shape, the item's own rules, then the catalog's: category known, name free. */
export function checkUserItem(raw: unknown, catalog: Catalog, mode: SaveMode): UserItemCheck {
  const name = nameOf(raw);
  const shaped = itemSchema.safeParse(raw, { reportInput: true });
  if (!shaped.success) {
    const problems = describeIssues(shaped.error).map((p) => ({
      field: p.path,
      message: p.message,
    }));
    return { ok: false, problems, ...(name ? { name } : {}) };
  }
  const item = shaped.data;
  const problems = checkItem(item);
  if (!catalog.category(item.category)) {
    const names = catalog.categories().map((c) => c.name);
    const hint = didYouMean(item.category, names);
    problems.push({ field: 'category', message: `unknown category ${item.category}${hint}` });
  }
  const taken = nameProblem(item.name, catalog, mode);
  if (taken) problems.push({ field: 'name', message: taken });
  return problems.length === 0
    ? { ok: true, item }
    : { ok: false, problems, name: item.name, item };
}

/** The top-level fields in which two items differ, in the schema's order. */
export function changedFields(before: CatalogItem, after: CatalogItem): string[] {
  const keys = Object.keys(itemSchema.shape) as (keyof CatalogItem)[];
  return keys.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
}

/** Field problems as one object, the way the API answers them (`parameters[0].type`). */
export function problemFields(problems: readonly FieldProblem[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const { field, message } of problems) {
    fields[field] = fields[field] ? `${fields[field]}; ${message}` : message;
  }
  return fields;
}
