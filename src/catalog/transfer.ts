/** Catalog export and import: items as a catalog file, and what importing one would change. */
import { stringify } from 'yaml';
import type { Catalog } from './collection.js';
import type { CatalogProblem } from './problems.js';
import { readCatalogText } from './read.js';
import type { CatalogItem } from './schema.js';
import { didYouMean } from './suggest.js';
import { nameProblem, userItemNames } from './user-check.js';
import { type PlannedItem, planItem } from './user-items.js';

export interface ImportPlan {
  items: PlannedItem[];
  /** Every problem, as `catalog validate` words them; nothing is imported while any remain. */
  problems: CatalogProblem[];
}

/** The named items (any origin), or every user item when none is named. */
export function itemsToExport(catalog: Catalog, names: readonly string[]): CatalogItem[] {
  if (names.length > 0) return names.map((name) => catalog.require(name));
  return userItemNames(catalog).map((name) => catalog.require(name));
}

/** A catalog file holding the items, readable by `catalog import` and by catalog folders. */
export function exportText(items: readonly CatalogItem[]): string {
  const header = [
    `# jobdeck catalog export: ${items.length} item${items.length === 1 ? '' : 's'}.`,
    '# Import with: jobdeck catalog import FILE [--dry-run]',
  ];
  return `${header.join('\n')}\n${stringify({ items }, { lineWidth: 0 })}`;
}

/** Checks a file's items as the loader would, then against the running catalog's names. */
export function planImport(text: string, file: string, catalog: Catalog): ImportPlan {
  const read = readCatalogText(text, file, false);
  const problems = [...read.problems];
  const add = (p: Omit<CatalogProblem, 'file' | 'shipped'>) =>
    problems.push({ file, shipped: false, ...p });
  for (const category of read.categories) {
    if (catalog.category(category.name)) continue;
    const message = 'categories come from catalog files; add it to a file in catalog_dirs first';
    add({ category: category.name, field: 'name', message });
  }
  const seen = new Set<string>();
  const items: PlannedItem[] = [];
  for (const item of read.items) {
    const problem = (field: string, message: string) => add({ item: item.name, field, message });
    if (seen.has(item.name)) problem('name', `duplicate item name (first defined in ${file})`);
    seen.add(item.name);
    const taken = nameProblem(item.name, catalog, 'upsert');
    if (taken) problem('name', taken);
    if (!catalog.category(item.category)) {
      const hint = didYouMean(
        item.category,
        catalog.categories().map((c) => c.name),
      );
      problem('category', `unknown category ${item.category}${hint}`);
    }
    if (!taken) items.push(planItem(item, catalog));
  }
  return { items, problems };
}

/** `add  name`, `change  name (command, default_timeout)`, `leave  name (unchanged)`. */
export function planLines(plan: ImportPlan): string[] {
  return plan.items.map(({ item, change, fields }) => {
    if (change === 'added') return `add     ${item.name}`;
    if (change === 'changed') return `change  ${item.name} (${fields.join(', ')})`;
    return `leave   ${item.name} (unchanged)`;
  });
}

export function planCounts(plan: ImportPlan): Record<PlannedItem['change'], number> {
  const counts = { added: 0, changed: 0, unchanged: 0 };
  for (const { change } of plan.items) counts[change]++;
  return counts;
}
