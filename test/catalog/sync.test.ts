import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCatalog, shippedCatalogDir } from '../../src/catalog/catalog.js';
import { syncCatalog } from '../../src/catalog/sync.js';
import { openStore, type Store } from '../../src/store/db.js';
import { catalogDir, tempDir } from './helpers.js';

const stores: Store[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function store(): Promise<Store> {
  const opened = await openStore(join(tempDir('jobdeck-sync-'), 'jobdeck.db'));
  stores.push(opened);
  return opened;
}

function userItem(name: string, command: string): string {
  const fields = `display_name: ${name}\n    category: monitoring\n    command: ${command}`;
  return `  - name: ${name}\n    ${fields}\n`;
}

describe('syncCatalog', () => {
  it('upserts shipped items, keeps favourites and chat items, disables vanished ones', async () => {
    const { db } = await store();
    const dir = catalogDir({
      'mine.yaml': `items:\n${userItem('my_uptime', 'uptime')}${userItem('my_who', 'who')}`,
    });
    const first = await loadCatalog({ shippedDir: shippedCatalogDir(), userDirs: [dir] });
    await syncCatalog(db, first.catalog, 1000);

    await db
      .insertInto('favorites')
      .values({ owner: 'slack:U1', item_name: 'my_who', created_at: 1 })
      .execute();
    await db
      .insertInto('catalog_items')
      .values({
        name: 'team_job',
        display_name: 'Team job',
        description: '',
        category: 'monitoring',
        difficulty: 'basic',
        definition: '{}',
        system: 0,
        enabled: 1,
        source: 'chat',
        sort_order: 0,
        created_at: 1,
        updated_at: 1,
      })
      .execute();

    catalogDir(
      {
        'mine.yaml': `items:\n${userItem('my_uptime', 'uptime -p')}\n${userItem('team_job', 'ls')}`,
      },
      dir,
    );
    const second = await loadCatalog({ shippedDir: shippedCatalogDir(), userDirs: [dir] });
    const result = await syncCatalog(db, second.catalog, 2000);
    expect(result.disabled).toEqual(['my_who']);
    expect(result.conflicts).toEqual(['team_job']);

    const rows = await db
      .selectFrom('catalog_items')
      .select(['name', 'system', 'enabled', 'source', 'created_at', 'updated_at', 'definition'])
      .orderBy('name')
      .execute();
    const byName = new Map(rows.map((row) => [row.name, row]));
    expect(byName.get('docker_logs')).toMatchObject({
      system: 1,
      enabled: 1,
      source: 'catalog/docker.yaml',
    });
    expect(byName.get('my_uptime')).toMatchObject({
      system: 0,
      enabled: 1,
      created_at: 1000,
      updated_at: 2000,
    });
    expect(JSON.parse(byName.get('my_uptime')!.definition).command).toBe('uptime -p');
    expect(byName.get('my_who')).toMatchObject({ enabled: 0, source: join(dir, 'mine.yaml') });
    expect(byName.get('team_job')).toMatchObject({ source: 'chat', enabled: 1, definition: '{}' });
    const shipped = second.catalog.items().filter((i) => second.catalog.origin(i.name)?.shipped);
    expect(shipped.length).toBeGreaterThanOrEqual(20);
    expect(rows.filter((row) => row.system === 1)).toHaveLength(shipped.length);

    const favourites = await db.selectFrom('favorites').select('item_name').execute();
    expect(favourites).toEqual([{ item_name: 'my_who' }]);
    const categories = await db
      .selectFrom('categories')
      .select(['name', 'system'])
      .orderBy('sort_order')
      .execute();
    expect(categories.map((c) => c.name)).toEqual([
      'docker',
      'system',
      'monitoring',
      'backup',
      'network',
      'security',
    ]);
    expect(categories.every((c) => c.system === 1)).toBe(true);

    catalogDir(
      { 'mine.yaml': `items:\n${userItem('my_uptime', 'uptime')}${userItem('my_who', 'who')}` },
      dir,
    );
    const third = await loadCatalog({ shippedDir: shippedCatalogDir(), userDirs: [dir] });
    await syncCatalog(db, third.catalog, 3000);
    const back = await db
      .selectFrom('catalog_items')
      .select('enabled')
      .where('name', '=', 'my_who')
      .executeTakeFirst();
    expect(back?.enabled).toBe(1);
  });
});
