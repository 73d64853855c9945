/** Runs `jobdeck …` in-process against a temporary config, catalog and database. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'yaml';
import { main } from '../../src/cli/main.js';

const CATALOG = `
categories:
  - name: testing
    display_name: Testing
items:
  - name: greet
    display_name: Greet
    category: testing
    command: echo hello {{who}}; echo note >&2
    parameters:
      - name: who
        type: string
        required: true
  - name: broken
    display_name: Broken
    category: testing
    command: echo "bad thing" >&2; exit 3
  - name: wipe
    display_name: Wipe
    category: testing
    confirm: true
    command: echo wiped
`;

export interface Result {
  code: number;
  out: string;
  err: string;
}

/** A folder with jobdeck.yaml (the given servers) and a small test catalog. */
export function cliFolder(servers: Record<string, unknown>[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'jobdeck-cli-'));
  mkdirSync(join(dir, 'catalog'));
  writeFileSync(join(dir, 'catalog', 'testing.yaml'), CATALOG);
  const config = {
    database: join(dir, 'jobdeck.db'),
    timezone: 'UTC',
    catalog_dirs: [join(dir, 'catalog')],
    servers,
  };
  writeFileSync(join(dir, 'jobdeck.yaml'), stringify(config));
  return dir;
}

export async function jobdeck(dir: string, argv: string[], input = ''): Promise<Result> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const seen = { out: '', err: '' };
  stdout.on('data', (data) => (seen.out += String(data)));
  stderr.on('data', (data) => (seen.err += String(data)));
  const env = { ...process.env, JOBDECK_LOG_LEVEL: 'error' };
  const io = { stdout, stderr, stdin: Readable.from([input]), env, cwd: dir };
  const code = await main([...argv, '--config', join(dir, 'jobdeck.yaml')], io);
  return { code, ...seen };
}
