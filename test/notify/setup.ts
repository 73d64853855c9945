/** Shared set-up for notification tests: a store on a temp file, runs, items, channels. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shippedCatalogDir } from '../../src/catalog/catalog.js';
import { collectCatalog } from '../../src/catalog/load.js';
import { type CatalogItem, itemSchema } from '../../src/catalog/schema.js';
import { type ChannelConfig, channelSchema } from '../../src/config/schema.js';
import { createDefinition } from '../../src/jobs/definitions.js';
import { Deliveries } from '../../src/notify/delivery.js';
import { enqueueForRun, type NotifyDeps } from '../../src/notify/outbox.js';
import { openStore, type Store } from '../../src/store/db.js';
import type { NewRun, Run } from '../../src/store/tables.js';

export function tempDbPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'jobdeck-notify-')), 'jobdeck.db');
}

export async function tempStore(path = tempDbPath()): Promise<Store> {
  return openStore(path);
}

export function ntfyChannel(url: string, extra: Partial<ChannelConfig> = {}): ChannelConfig {
  return channelSchema.parse({ name: 'phone', url, topic: 'jobdeck-alerts', ...extra });
}

export function testItem(extra: Record<string, unknown> = {}): CatalogItem {
  return itemSchema.parse({
    name: 'say_hello',
    display_name: 'Say hello',
    category: 'system',
    command: 'echo {{greeting}}',
    parameters: [{ name: 'greeting', type: 'string', default: 'hi' }],
    ...extra,
  });
}

const T0 = Date.UTC(2025, 5, 1, 12, 0, 0);

/** Inserts a finished run and answers the row as the runner would hand it to its hooks. */
export async function insertRun(store: Store, values: Partial<NewRun> = {}): Promise<Run> {
  const output = 'starting\nall good\n';
  return store.db
    .insertInto('runs')
    .values({
      item_name: 'say_hello',
      server_name: 'web1',
      parameters: JSON.stringify({ greeting: 'hi' }),
      actor: 'alice',
      trigger: 'manual',
      status: 'success',
      attempts: 1,
      exit_code: 0,
      queued_at: T0,
      started_at: T0,
      finished_at: T0 + 154_000,
      duration_ms: 154_000,
      output_head: output,
      output_tail: output,
      output_bytes: Buffer.byteLength(output),
      ...values,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function depsFor(
  channels: ChannelConfig[],
  items: CatalogItem[],
  extra: Partial<NotifyDeps> = {},
): NotifyDeps {
  const byName = new Map(items.map((i) => [i.name, i]));
  return {
    deliveries: new Deliveries(channels),
    item: (name) => byName.get(name),
    timezone: 'Europe/Berlin',
    ...extra,
  };
}

/** Runs the finish hook the way the runner does: inside a transaction. */
export async function enqueue(store: Store, run: Run, deps: NotifyDeps): Promise<number> {
  return store.db.transaction().execute((trx) => enqueueForRun(trx, run, deps));
}

export async function outboxRows(store: Store) {
  return store.db.selectFrom('outbox').selectAll().orderBy('id').execute();
}

/** An item as the shipped catalog/ defines it. */
export async function shippedItem(name: string): Promise<CatalogItem> {
  const { catalog } = await collectCatalog({ shippedDir: shippedCatalogDir(), userDirs: [] });
  const item = catalog.get(name);
  if (!item) throw new Error(`the shipped catalog has no item ${name}`);
  return item;
}

/** A job definition of `item` on web1, as the wizard would create it. */
export async function definitionOf(store: Store, item: CatalogItem): Promise<number> {
  const created = await createDefinition(store.db, {
    item,
    parameters: {},
    servers: ['web1'],
    createdBy: 'alice',
    platform: 'console',
  });
  return created.id;
}
