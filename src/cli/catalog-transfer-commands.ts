/** `jobdeck catalog export | import | copy`: user items out to a file, in from one, and copies. */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { formatProblem } from '../catalog/problems.js';
import {
  exportText,
  itemsToExport,
  planCounts,
  planImport,
  planLines,
} from '../catalog/transfer.js';
import { JobdeckError } from '../errors.js';
import type { CliCommand } from './command.js';
import { flag } from './options.js';
import { withUserCatalog } from './user-catalog.js';

export const catalogExport: CliCommand = {
  path: ['catalog', 'export'],
  usage: 'catalog export [ITEM ...]',
  summary: 'print items as a catalog file: those named, else every user item',
  run: (context) =>
    withUserCatalog(context, async ({ catalog }) => {
      const items = itemsToExport(catalog, context.args);
      context.io.stdout.write(exportText(items));
      if (items.length === 0) context.err('no user items yet; name items to export them');
      return 0;
    }),
};

export const catalogImport: CliCommand = {
  path: ['catalog', 'import'],
  usage: 'catalog import FILE [--dry-run]',
  summary: 'add or change user items from a catalog file, checked like shipped items',
  options: { 'dry-run': { type: 'boolean' } },
  run: (context) =>
    withUserCatalog(context, async ({ catalog, userItems }) => {
      const file = context.args[0];
      if (!file)
        throw new JobdeckError(
          'input_invalid',
          'name the file: jobdeck catalog import FILE [--dry-run]',
        );
      const text = await readFile(resolve(context.io.cwd, file), 'utf8').catch((error) => {
        throw new JobdeckError('input_invalid', `cannot read ${file}: ${error.message}`);
      });
      const plan = planImport(text, file, catalog);
      for (const problem of plan.problems) context.err(formatProblem(problem));
      if (plan.problems.length > 0) {
        const count = plan.problems.length;
        context.err(`nothing imported: ${count} problem${count === 1 ? '' : 's'}`);
        return 1;
      }
      for (const line of planLines(plan)) context.out(line);
      const { added, changed, unchanged } = planCounts(plan);
      if (flag(context, 'dry-run')) {
        context.out(`dry run: would add ${added}, change ${changed}, leave ${unchanged}`);
        return 0;
      }
      await userItems.apply(plan.items, 'import');
      context.out(`imported: added ${added}, changed ${changed}, left ${unchanged}`);
      if (added + changed > 0) context.out('a running jobdeck picks them up when it restarts');
      return 0;
    }),
};

export const catalogCopy: CliCommand = {
  path: ['catalog', 'copy'],
  usage: 'catalog copy ITEM NEW_NAME',
  summary: 'copy any item (shipped ones too) into a user item you can change',
  run: (context) =>
    withUserCatalog(context, async ({ userItems }) => {
      const [from, to] = context.args;
      if (!from || !to)
        throw new JobdeckError('input_invalid', `name both: jobdeck ${catalogCopy.usage}`);
      const result = await userItems.copy(from, to, 'import');
      if (!result.ok) {
        for (const p of result.problems) context.err(`${to}: ${p.field}: ${p.message}`);
        return 1;
      }
      context.out(`copied ${from} to ${to}; change it with export and import, or in chat`);
      return 0;
    }),
};

export const catalogTransferCommands: CliCommand[] = [catalogExport, catalogImport, catalogCopy];
