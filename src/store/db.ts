/** Opens the SQLite database: the one file that knows it is SQLite (WAL, pragmas, migrations). */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, type MigrationResultSet, Migrator, SqliteDialect } from 'kysely';
import { migrations } from '../../migrations/index.js';
import { JobdeckError } from '../errors.js';
import type { Database } from './tables.js';

export type Db = Kysely<Database>;

export interface Store {
  readonly db: Db;
  /** The underlying connection, for synchronous transactions that must not interleave. */
  readonly sqlite: SQLite.Database;
  close(): Promise<void>;
}

/** Opens (creating the folder if needed) and migrates the database forward. */
export async function openStore(path: string): Promise<Store> {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  const store: Store = {
    db,
    sqlite,
    close: () => db.destroy(),
  };
  try {
    await migrate(db);
  } catch (error) {
    await store.close();
    throw error;
  }
  return store;
}

export async function migrate(db: Db): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    throw new JobdeckError('config_invalid', `database migration failed: ${String(result.error)}`, {
      cause: result.error,
    });
  }
  return result;
}

/** JSON column helpers: every JSON column goes through these two. */
export const json = {
  encode: (value: unknown): string => JSON.stringify(value ?? null),
  decode: <T>(text: string | null | undefined, fallback: T): T =>
    text === null || text === undefined || text === '' ? fallback : (JSON.parse(text) as T),
};
