/** The catalog's entry points: the Catalog, loading it, and where the shipped catalog lives. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JobdeckError } from '../errors.js';

export { Catalog, type Origin, type SearchQuery } from './collection.js';
export {
  type CatalogLoadOptions,
  type CatalogProblem,
  collectCatalog,
  type LoadedCatalog,
  loadCatalog,
} from './load.js';

/** The catalog/ folder shipped with jobdeck, found from this module in src or in dist. */
export function shippedCatalogDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new JobdeckError('catalog_invalid', 'cannot find the shipped catalog/');
    dir = parent;
  }
  return join(dir, 'catalog');
}
