/** Basic or advanced mode, per user: kept in settings, read once per interaction. */
import type { CatalogItem } from '../../catalog/schema.js';
import type { Db } from '../../store/db.js';
import { reusable } from '../../store/reusable.js';

export type Mode = 'basic' | 'advanced';

const key = (actor: string) => `mode:${actor}`;

const setting = reusable(1, (db: Db, name: string) =>
  db.selectFrom('settings').select('value').where('key', '=', name),
);

export async function readMode(db: Db, actor: string): Promise<Mode> {
  const { rows } = await setting(db, key(actor));
  return rows[0]?.value === 'advanced' ? 'advanced' : 'basic';
}

export async function writeMode(db: Db, actor: string, mode: Mode): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: key(actor), value: mode })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: mode }))
    .execute();
}

/** Basic mode lists basic items only; advanced lists every difficulty. */
export function shownInMode(mode: Mode, item: CatalogItem): boolean {
  return mode === 'advanced' || item.difficulty === 'basic';
}
