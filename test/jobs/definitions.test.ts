import { afterEach, describe, expect, it } from 'vitest';
import {
  createDefinition,
  getDefinition,
  listDefinitions,
  updateDefinition,
} from '../../src/jobs/definitions.js';
import { backupItem, type TempDb, tempDb } from '../scheduler/setup.js';

let temp: TempDb;

afterEach(async () => {
  await temp?.close();
});

describe('job definitions', () => {
  it('stores item, parameters and servers, and never a secret value', async () => {
    temp = await tempDb();
    const created = await createDefinition(temp.store.db, {
      item: backupItem,
      parameters: { path: '/srv', name: 'nightly', token: 'hunter2' },
      servers: ['web1', 'web2'],
      overlap: 'skip',
      timeout: 120,
      createdBy: 'slack:U1',
      platform: 'slack',
      channelId: 'C1',
    });

    expect(created).toMatchObject({
      name: 'backup',
      item_name: 'backup',
      parameters: { path: '/srv', name: 'nightly' },
      servers: ['web1', 'web2'],
      overlap: 'skip',
      timeout: 120,
      enabled: true,
    });
    expect(await getDefinition(temp.store.db, created.id)).toEqual(created);
    const raw = temp.store.sqlite.prepare('select * from job_definitions').all();
    expect(JSON.stringify(raw)).not.toContain('hunter2');
  });

  it('updates parameters without secrets, and lists by item', async () => {
    temp = await tempDb();
    const { id } = await createDefinition(temp.store.db, {
      item: backupItem,
      parameters: { path: '/srv' },
      servers: ['web1'],
      createdBy: 'cli',
      platform: 'cli',
    });
    const updated = await updateDefinition(temp.store.db, id, {
      parameters: { item: backupItem, values: { path: '/home', token: 'hunter2' } },
      servers: ['nas'],
      enabled: false,
    });

    expect(updated).toMatchObject({
      parameters: { path: '/home' },
      servers: ['nas'],
      enabled: false,
    });
    expect(await listDefinitions(temp.store.db, { item: 'backup' })).toEqual([updated]);
    expect(await listDefinitions(temp.store.db, { item: 'other' })).toEqual([]);
    const raw = temp.store.sqlite.prepare('select * from job_definitions').all();
    expect(JSON.stringify(raw)).not.toContain('hunter2');
  });
});
