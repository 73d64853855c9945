/** Set-up shared by the catalog tests: items from objects, catalog folders, a captured CLI. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { type CatalogItem, itemSchema } from '../../src/catalog/schema.js';
import { main } from '../../src/cli/main.js';

/** A valid item with the given fields over a minimal default. */
export function makeItem(fields: Record<string, unknown>): CatalogItem {
  return itemSchema.parse({
    name: 'test_item',
    display_name: 'Test item',
    category: 'test',
    command: 'true',
    ...fields,
  });
}

export function tempDir(prefix = 'jobdeck-catalog-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A folder holding the given files (name → YAML text). */
export function catalogDir(files: Record<string, string>, dir = tempDir()): string {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function collect(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return () => Buffer.concat(chunks).toString('utf8');
}

/** Runs `jobdeck ARGS` in-process, in an empty folder unless one is given. */
export async function runCli(args: string[], cwd = tempDir('jobdeck-cli-')): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out = collect(stdout);
  const err = collect(stderr);
  const code = await main(args, { stdout, stderr, stdin: new PassThrough(), env: {}, cwd });
  return { code, stdout: out(), stderr: err() };
}
