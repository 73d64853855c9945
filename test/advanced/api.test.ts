import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, startApi } from '../http/harness.js';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const ITEM = {
  name: 'api_echo',
  display_name: 'Echo from the API',
  category: 'testing',
  command: 'echo {{word}}',
  parameters: [{ name: 'word', type: 'string', default: 'hi' }],
};

describe('user items through the API', () => {
  it('refuses an invalid item with the catalog’s field errors', async () => {
    const bad = await api.call('POST', '/api/v1/catalog', {
      body: { ...ITEM, name: 'api_bad', command: 'echo {{wrod}}', category: 'testin' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBe('catalog_invalid');
    expect(bad.json.error.fields).toEqual({
      category: 'unknown category testin; did you mean testing?',
      command: 'unknown variable wrod; did you mean word? (a command can use only its parameters)',
    });
    const shape = await api.call('POST', '/api/v1/catalog', {
      body: { ...ITEM, parameters: [{ name: 'word', type: 'text' }], default_timeout: 'soon' },
    });
    expect(Object.keys(shape.json.error.fields)).toEqual(['parameters[0].type', 'default_timeout']);
    const shipped = await api.call('POST', '/api/v1/catalog', {
      body: { ...ITEM, name: 'disk_usage' },
    });
    expect(shipped.json.error.fields.name).toBe(
      'disk_usage is shipped with jobdeck and cannot be changed in place; copy it under a new name',
    );
  });

  it('creates and replaces an item, in the catalog at once, with edit_items only', async () => {
    const refused = await api.call('POST', '/api/v1/catalog', { as: 'operator', body: ITEM });
    expect(refused.status).toBe(403);

    const created = await api.call('POST', '/api/v1/catalog', { body: ITEM });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ name: 'api_echo', category: 'testing' });
    expect((await api.call('GET', '/api/v1/catalog/api_echo')).json.display_name).toBe(
      'Echo from the API',
    );
    const twice = await api.call('POST', '/api/v1/catalog', { body: ITEM });
    expect(twice.json.error.fields.name).toContain('already exists');

    const replaced = await api.call('PUT', '/api/v1/catalog/api_echo', {
      body: { ...ITEM, display_name: 'Echo, changed' },
    });
    expect(replaced.status).toBe(200);
    expect((await api.call('GET', '/api/v1/catalog/api_echo')).json.display_name).toBe(
      'Echo, changed',
    );
    const row = await api.t.app.store.db
      .selectFrom('catalog_items')
      .select(['source', 'display_name'])
      .where('name', '=', 'api_echo')
      .executeTakeFirst();
    expect(row).toEqual({ source: 'api', display_name: 'Echo, changed' });
  });
});
