import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/db.js';

describe('openStore', () => {
  it('creates every table on an empty file and migrates an existing one without loss', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'jobdeck-db-')), 'nested/jobdeck.db');
    const first = await openStore(path);
    expect(first.sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(first.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
    await first.db.insertInto('settings').values({ key: 'k', value: 'v' }).execute();
    const tables = first.sqlite
      .prepare("select name from sqlite_master where type = 'table' and name not like 'kysely%'")
      .pluck()
      .all();
    expect(tables).toEqual(
      expect.arrayContaining([
        'categories',
        'catalog_items',
        'favorites',
        'servers',
        'server_capabilities',
        'job_definitions',
        'schedules',
        'runs',
        'notification_channels',
        'notification_policies',
        'outbox',
        'wizard_sessions',
        'audit_log',
        'settings',
      ]),
    );
    await first.close();

    const again = await openStore(path);
    const row = await again.db.selectFrom('settings').selectAll().executeTakeFirst();
    expect(row).toEqual({ key: 'k', value: 'v' });
    await again.close();
  });
});
