import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Db, openStore, type Store } from '../../src/store/db.js';
import { reusable } from '../../src/store/reusable.js';

let store: Store;

beforeAll(async () => {
  store = await openStore(join(mkdtempSync(join(tmpdir(), 'jobdeck-reusable-')), 'a.db'));
  await store.db
    .insertInto('favorites')
    .values([
      { owner: 'slack:U1', item_name: 'disk_usage', created_at: 1 },
      { owner: 'slack:U2', item_name: 'docker_ps', created_at: 2 },
      { owner: 'team', item_name: 'uptime', created_at: 3 },
    ])
    .execute();
});

afterAll(() => store.close());

const names = (rows: { item_name: string }[]) => rows.map((r) => r.item_name).sort();

describe('a query compiled once and run with new values', () => {
  const favourites = reusable(1, (db: Db, owner: string) =>
    db.selectFrom('favorites').select('item_name').where('owner', 'in', [owner, 'team']),
  );
  const setOwner = reusable(2, (db: Db, item: string, owner: string) =>
    db.updateTable('favorites').set({ owner }).where('item_name', '=', item),
  );

  it('answers for each call its own arguments, and keeps the constants it was built with', async () => {
    expect(names((await favourites(store.db, 'slack:U1')).rows)).toEqual(['disk_usage', 'uptime']);
    expect(names((await favourites(store.db, 'slack:U2')).rows)).toEqual(['docker_ps', 'uptime']);
    expect(names((await favourites(store.db, "x' or '1'='1")).rows)).toEqual(['uptime']);
  });

  it('puts arguments in the order the SQL needs them, not the order they were given', async () => {
    const result = await setOwner(store.db, 'docker_ps', 'slack:U1');
    expect(result.numAffectedRows).toBe(1n);
    expect(names((await favourites(store.db, 'slack:U1')).rows)).toEqual([
      'disk_usage',
      'docker_ps',
      'uptime',
    ]);
  });

  it('refuses a query that computes with an argument instead of passing it as a value', async () => {
    const computed = reusable(1, (db: Db, owner: string) =>
      db.selectFrom('favorites').select('item_name').where('owner', '=', owner.toUpperCase()),
    );
    await expect(async () => computed(store.db, 'team')).rejects.toThrow(
      'must use each of its 1 arguments as a value',
    );
  });
});
