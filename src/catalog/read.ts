/** Reads catalog folders: YAML files into validated categories and items, with every problem. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { describeIssues } from '../config/issues.js';
import { checkItem } from './check.js';
import type { CatalogProblem } from './problems.js';
import {
  type CatalogItem,
  type Category,
  catalogFileSchema,
  categorySchema,
  itemSchema,
} from './schema.js';

export interface CatalogFile {
  file: string;
  shipped: boolean;
  categories: Category[];
  items: CatalogItem[];
  problems: CatalogProblem[];
}

function nameOf(raw: unknown, fallback: string): string {
  const name = (raw as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name !== '' ? name : fallback;
}

function parseDocument(
  text: string,
): { ok: true; document: unknown } | { ok: false; error: string } {
  try {
    return { ok: true, document: parseYaml(text) ?? {} };
  } catch (error) {
    const line = error instanceof YAMLParseError ? ` (line ${error.linePos?.[0]?.line})` : '';
    const reason = (error as Error).message.split('\n')[0];
    return { ok: false, error: `not valid YAML${line}: ${reason}` };
  }
}

/** Validates the text of one catalog file; entries with problems are left out. */
export function readCatalogText(text: string, file: string, shipped: boolean): CatalogFile {
  const result: CatalogFile = { file, shipped, categories: [], items: [], problems: [] };
  const problem = (p: Omit<CatalogProblem, 'file' | 'shipped'>) =>
    result.problems.push({ file, shipped, ...p });
  const parsed = parseDocument(text);
  if (!parsed.ok) {
    problem({ message: parsed.error });
    return result;
  }
  const shape = catalogFileSchema.safeParse(parsed.document, { reportInput: true });
  if (!shape.success) {
    for (const p of describeIssues(shape.error)) problem({ field: p.path, message: p.message });
    return result;
  }
  shape.data.categories.forEach((raw, i) => {
    const category = nameOf(raw, `categories[${i}]`);
    const checked = categorySchema.safeParse(raw, { reportInput: true });
    if (checked.success) result.categories.push(checked.data);
    else
      for (const p of describeIssues(checked.error))
        problem({ category, field: p.path, message: p.message });
  });
  shape.data.items.forEach((raw, i) => {
    const item = nameOf(raw, `items[${i}]`);
    const checked = itemSchema.safeParse(raw, { reportInput: true });
    if (!checked.success) {
      for (const p of describeIssues(checked.error))
        problem({ item, field: p.path, message: p.message });
      return;
    }
    const problems = checkItem(checked.data);
    for (const p of problems) problem({ item, ...p });
    if (problems.length === 0) result.items.push(checked.data);
  });
  return result;
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Reads every `.yaml`/`.yml` file of a folder, in name order. `label` is how files are named in
 * problems: `catalog` for the shipped folder, the folder itself for the others.
 */
export async function readCatalogDir(
  dir: string,
  shipped: boolean,
  label = dir,
): Promise<CatalogFile[]> {
  if (!(await isFolder(dir))) {
    const problems = [{ file: label, shipped, message: 'no such folder' }];
    return [{ file: label, shipped, categories: [], items: [], problems }];
  }
  const names = (await readdir(dir)).filter((name) => /\.ya?ml$/.test(name)).sort();
  const files: CatalogFile[] = [];
  for (const name of names) {
    const text = await readFile(join(dir, name), 'utf8');
    files.push(readCatalogText(text, join(label, name), shipped));
  }
  return files;
}
