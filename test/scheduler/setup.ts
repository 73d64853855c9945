/** Scheduler tests' shared setup: a real SQLite file in a temp folder and a recorded fire(). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { itemSchema } from '../../src/catalog/schema.js';
import { createDefinition } from '../../src/jobs/definitions.js';
import { openStore, type Store } from '../../src/store/db.js';
import type { Schedule } from '../../src/store/tables.js';

export interface TempDb {
  path: string;
  store: Store;
  /** Another connection to the same file, as a second process would have. */
  open(): Promise<Store>;
  close(): Promise<void>;
}

export async function tempDb(): Promise<TempDb> {
  const dir = mkdtempSync(join(tmpdir(), 'jobdeck-sched-'));
  const path = join(dir, 'jobdeck.db');
  const stores: Store[] = [await openStore(path)];
  return {
    path,
    store: stores[0] as Store,
    async open() {
      const store = await openStore(path);
      stores.push(store);
      return store;
    },
    async close() {
      for (const store of stores) await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const backupItem = itemSchema.parse({
  name: 'backup',
  display_name: 'Backup',
  category: 'files',
  command: 'tar czf /tmp/{{name}}.tgz {{path}}',
  parameters: [
    { name: 'path', type: 'string', required: true },
    { name: 'name', type: 'string', default: 'nightly' },
    { name: 'token', type: 'secret' },
  ],
});

export async function addDefinition(store: Store, now?: number): Promise<number> {
  const definition = await createDefinition(store.db, {
    item: backupItem,
    parameters: { path: '/srv', name: 'nightly', token: 's3cret' },
    servers: ['web1'],
    createdBy: 'test',
    platform: 'cli',
    now,
  });
  return definition.id;
}

export interface Fired {
  scheduleId: number;
  dueAt: number;
  firedAt: number;
  by: string;
}

/** A fire() that records each call into `fired`, labelled with who fired. */
export function recorder(fired: Fired[], by = 'a') {
  return async (schedule: Schedule, dueAt: number): Promise<void> => {
    fired.push({ scheduleId: schedule.id, dueAt, firedAt: Date.now(), by });
  };
}

/** Polls until `check` is true; fails with `what` after 20 s. */
export async function waitFor(check: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export const at = (iso: string): number => new Date(iso).getTime();
