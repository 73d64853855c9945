/** `jobdeck catalog list | show | validate | render`: browse, check and try the job catalog. */
import { resolve } from 'node:path';
import {
  type Catalog,
  collectCatalog,
  loadCatalog,
  shippedCatalogDir,
} from '../catalog/catalog.js';
import { validateParameters } from '../catalog/params.js';
import { countProblems, formatProblem } from '../catalog/problems.js';
import { renderCommand } from '../catalog/render.js';
import { didYouMean } from '../catalog/suggest.js';
import { JobdeckError } from '../errors.js';
import { describeItem, listItems } from './catalog-format.js';
import type { CliCommand, CliContext } from './command.js';
import { assignments, configOf, flag, text } from './options.js';
import { addUserItems } from './user-catalog.js';

/** The catalog as `jobdeck start` would load it; skipped entries are reported on stderr. */
async function catalogFor(context: CliContext): Promise<Catalog> {
  const config = configOf(context);
  const loaded = await loadCatalog({
    shippedDir: shippedCatalogDir(),
    userDirs: config.catalog_dirs,
  });
  for (const problem of loaded.problems) context.err(`warning: ${formatProblem(problem)}; skipped`);
  await addUserItems(context, config.database, loaded.catalog);
  return loaded.catalog;
}

function oneItemName(context: CliContext, usage: string): string {
  const name = context.args[0];
  if (!name) throw new JobdeckError('input_invalid', `name the item: jobdeck ${usage}`);
  return name;
}

export const catalogList: CliCommand = {
  path: ['catalog', 'list'],
  usage: 'catalog list [--category C] [--search WORDS] [--json]',
  summary: 'list the catalog, by category',
  options: { category: { type: 'string' }, search: { type: 'string' }, json: { type: 'boolean' } },
  async run(context) {
    const catalog = await catalogFor(context);
    const category = text(context, 'category');
    if (category !== undefined && !catalog.category(category)) {
      const names = catalog.categories().map((c) => c.name);
      const hint = didYouMean(category, names) || `; categories: ${names.join(', ')}`;
      throw new JobdeckError('input_invalid', `no category ${category}${hint}`);
    }
    const words = [text(context, 'search'), ...context.args].filter((w) => w !== undefined);
    const items = catalog.search({ category, words: words.join(' ') });
    if (flag(context, 'json')) {
      context.out(JSON.stringify(items, null, 2));
      return 0;
    }
    if (items.length === 0) {
      context.out('no catalog items match');
      return 0;
    }
    for (const line of listItems(catalog, items)) context.out(line);
    return 0;
  },
};

export const catalogShow: CliCommand = {
  path: ['catalog', 'show'],
  usage: 'catalog show ITEM [--json]',
  summary: 'show one item: command, parameters, requirements, notifications',
  options: { json: { type: 'boolean' } },
  async run(context) {
    const catalog = await catalogFor(context);
    const item = catalog.require(oneItemName(context, 'catalog show ITEM'));
    if (flag(context, 'json')) context.out(JSON.stringify(item, null, 2));
    else for (const line of describeItem(catalog, item)) context.out(line);
    return 0;
  },
};

export const catalogValidate: CliCommand = {
  path: ['catalog', 'validate'],
  usage: 'catalog validate [DIR...]',
  summary: 'check the shipped catalog and catalog folders, listing every problem',
  async run(context) {
    const dirs =
      context.args.length > 0
        ? context.args.map((dir) => resolve(context.io.cwd, dir))
        : configOf(context).catalog_dirs;
    const { catalog, problems } = await collectCatalog({
      shippedDir: shippedCatalogDir(),
      userDirs: dirs,
    });
    for (const problem of problems) context.out(formatProblem(problem));
    if (problems.length > 0) {
      context.err(`catalog invalid: ${countProblems(problems.length)}`);
      return 1;
    }
    const folders = ['catalog/', ...dirs].join(', ');
    const items = catalog.items({ includeDisabled: true }).length;
    const counts = `${catalog.categories().length} categories, ${items} items`;
    context.out(`catalog valid: ${counts} from ${folders}`);
    return 0;
  },
};

export const catalogRender: CliCommand = {
  path: ['catalog', 'render'],
  usage: 'catalog render ITEM [name=value ...]',
  summary: 'print the exact command an item would run with these values (secrets masked)',
  async run(context) {
    const catalog = await catalogFor(context);
    const item = catalog.require(oneItemName(context, 'catalog render ITEM [name=value ...]'));
    const { values, other } = assignments(context.args.slice(1));
    if (other.length > 0) {
      context.err(`expected name=value, got: ${other.join(' ')}`);
      return 2;
    }
    const checked = validateParameters(item, values);
    if (!checked.ok) {
      for (const [field, message] of Object.entries(checked.errors))
        context.err(`${field}: ${message}`);
      return 1;
    }
    context.out(renderCommand(item, checked.values).display);
    return 0;
  },
};

export const catalogCommands: CliCommand[] = [
  catalogList,
  catalogShow,
  catalogValidate,
  catalogRender,
];
