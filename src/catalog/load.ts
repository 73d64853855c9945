/** Loads the shipped catalog and the operator's folders into one Catalog, checking across files. */
import { resolve } from 'node:path';
import { JobdeckError } from '../errors.js';
import type { Logger } from '../log.js';
import { Catalog, type Origin } from './collection.js';
import { type CatalogProblem, countProblems, formatProblem } from './problems.js';
import { type CatalogFile, readCatalogDir } from './read.js';
import type { CatalogItem, Category } from './schema.js';
import { didYouMean } from './suggest.js';

export type { CatalogProblem } from './problems.js';

export interface CatalogLoadOptions {
  shippedDir: string;
  /** Extra folders, loaded after the shipped one; their bad entries are skipped, not fatal. */
  userDirs: readonly string[];
  logger?: Logger;
}

export interface LoadedCatalog {
  catalog: Catalog;
  problems: CatalogProblem[];
}

async function readAll(options: CatalogLoadOptions): Promise<CatalogFile[]> {
  const files = await readCatalogDir(options.shippedDir, true, 'catalog');
  const shipped = resolve(options.shippedDir);
  for (const dir of options.userDirs) {
    if (resolve(dir) !== shipped) files.push(...(await readCatalogDir(dir, false)));
  }
  return files;
}

function assemble(files: CatalogFile[]): LoadedCatalog {
  const problems = files.flatMap((file) => file.problems);
  const categories = new Map<string, { value: Category; origin: Origin }>();
  const items = new Map<string, { value: CatalogItem; origin: Origin }>();
  for (const { file, shipped, categories: found } of files) {
    for (const category of found) {
      const first = categories.get(category.name);
      if (first) {
        const message = `duplicate category name (first defined in ${first.origin.file})`;
        problems.push({ file, shipped, category: category.name, field: 'name', message });
      } else categories.set(category.name, { value: category, origin: { file, shipped } });
    }
  }
  for (const { file, shipped, items: found } of files) {
    for (const item of found) {
      const first = items.get(item.name);
      const problem = (field: string, message: string) =>
        problems.push({ file, shipped, item: item.name, field, message });
      if (first) problem('name', `duplicate item name (first defined in ${first.origin.file})`);
      else if (!categories.has(item.category)) {
        const hint = didYouMean(item.category, categories.keys());
        problem('category', `unknown category ${item.category}${hint}`);
      } else items.set(item.name, { value: item, origin: { file, shipped } });
    }
  }
  const order = new Map(files.map((file, i) => [file.file, i]));
  problems.sort((a, b) => (order.get(a.file) ?? 0) - (order.get(b.file) ?? 0));
  return { catalog: new Catalog([...categories.values()], [...items.values()]), problems };
}

/** Reads and checks every folder; never throws for content, answering every problem instead. */
export async function collectCatalog(options: CatalogLoadOptions): Promise<LoadedCatalog> {
  return assemble(await readAll(options));
}

/**
 * Loads the catalog for running: a problem in the shipped catalog stops start-up with every
 * problem listed; a bad entry in an operator's folder is logged and skipped.
 */
export async function loadCatalog(options: CatalogLoadOptions): Promise<LoadedCatalog> {
  const loaded = await collectCatalog(options);
  const fatal = loaded.problems.filter((problem) => problem.shipped);
  if (fatal.length > 0) {
    const details = fatal.map(formatProblem);
    throw new JobdeckError(
      'catalog_invalid',
      `the shipped catalog has ${countProblems(details.length)}:\n  ${details.join('\n  ')}`,
      { details },
    );
  }
  for (const problem of loaded.problems) {
    const { file, item, category, field } = problem;
    options.logger?.warn(
      { component: 'catalog', file, item, category, field },
      `${formatProblem(problem)}; skipped`,
    );
  }
  return loaded;
}
