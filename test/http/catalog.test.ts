import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, startApi } from './harness.js';

let api: Api;
beforeAll(async () => {
  api = await startApi();
});
afterAll(() => api.close());

const names = (items: Array<{ name: string }>) => items.map((i) => i.name);

describe('GET /api/v1/catalog', () => {
  it('answers items, categories and the total, filtered', async () => {
    const all = await api.call('GET', '/api/v1/catalog');
    expect(all.status).toBe(200);
    expect(all.json.total).toBe(all.json.items.length);
    expect(names(all.json.items)).toEqual(expect.arrayContaining(['say', 'nap', 'docker_logs']));
    expect(all.json.categories).toContainEqual(
      expect.objectContaining({ name: 'testing', display_name: 'Testing', items: 6 }),
    );

    const testing = await api.call('GET', '/api/v1/catalog?category=testing&difficulty=advanced');
    expect(names(testing.json.items)).toEqual(['expert']);
    const words = await api.call('GET', '/api/v1/catalog?category=testing&search=take%20nap');
    expect(names(words.json.items)).toEqual(['nap']);
    const bad = await api.call('GET', '/api/v1/catalog?difficulty=heroic');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json.error.fields)).toEqual(['difficulty']);
  });

  it('answers one item with its parameters, never a secret default', async () => {
    const say = await api.call('GET', '/api/v1/catalog/say');
    expect(say.json).toMatchObject({
      name: 'say',
      category: 'testing',
      dangerous: false,
      favorite: false,
      parameters: [
        { name: 'word', type: 'string', default: 'hello', required: false },
        { name: 'count', type: 'number', default: 1, validation: { min: 1, max: 5 } },
      ],
    });
    expect((await api.call('GET', '/api/v1/catalog/risky')).json.dangerous).toBe(true);
    const missing = await api.call('GET', '/api/v1/catalog/nope');
    expect(missing.status).toBe(404);
    expect(missing.json.error.code).toBe('item_unknown');
  });

  it('splits servers into compatible and not, saying what is missing', async () => {
    const say = await api.call('GET', '/api/v1/catalog/say/compatible-servers');
    expect(names(say.json.compatible)).toEqual(['local', 'other']);
    const big = await api.call('GET', '/api/v1/catalog/mainframe/compatible-servers');
    expect(big.json.compatible).toEqual([]);
    expect(big.json.incompatible[0]).toMatchObject({ server: { name: 'local' }, missing: ['zos'] });
    expect(big.json.incompatible[0].message).toContain('needs zos');
  });
});

describe('favourites', () => {
  it('toggles a personal favourite for the token', async () => {
    const on = await api.call('POST', '/api/v1/catalog/favorites/nap', { as: 'operator' });
    expect(on.json).toEqual({ item: 'nap', favorite: true, team: false });
    const list = await api.call('GET', '/api/v1/catalog/favorites', { as: 'operator' });
    expect(list.json.favorites).toEqual([
      expect.objectContaining({ item: expect.objectContaining({ name: 'nap' }), team: false }),
    ]);
    expect((await api.call('GET', '/api/v1/catalog/nap', { as: 'operator' })).json.favorite).toBe(
      true,
    );
    const others = await api.call('GET', '/api/v1/catalog/favorites', { as: 'admin' });
    expect(others.json.favorites).toEqual([]);
    const off = await api.call('POST', '/api/v1/catalog/favorites/nap', { as: 'operator' });
    expect(off.json.favorite).toBe(false);
  });

  it('pins for the team only with the pin right', async () => {
    const refused = await api.call('POST', '/api/v1/catalog/favorites/say', {
      as: 'operator',
      body: { team: true },
    });
    expect(refused.status).toBe(403);
    const pinned = await api.call('POST', '/api/v1/catalog/favorites/say', {
      as: 'admin',
      body: { team: true },
    });
    expect(pinned.json).toEqual({ item: 'say', favorite: true, team: true });
    const seen = await api.call('GET', '/api/v1/catalog/favorites', { as: 'viewer' });
    expect(seen.json.favorites).toEqual([
      expect.objectContaining({ item: expect.objectContaining({ name: 'say' }), team: true }),
    ]);
    const audit = await api.t.app.store.db
      .selectFrom('audit_log')
      .select(['actor', 'action', 'outcome'])
      .where('action', 'like', 'favorite.%')
      .execute();
    expect(audit).toEqual([
      { actor: 'api:operator', action: 'favorite.pin', outcome: 'refused' },
      { actor: 'api:admin', action: 'favorite.pin', outcome: 'ok' },
    ]);
  });
});
