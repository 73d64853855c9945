/** /api/v1/catalog: items and categories, one item, where it can run, and favourites. */
import { z } from 'zod';
import { DIFFICULTIES } from '../../catalog/schema.js';
import { checkCompatibility } from '../../jobs/compat.js';
import { actorOf, type Subject } from '../auth.js';
import { usableItem } from '../checks.js';
import type { HttpContext } from '../context.js';
import { allow, audit } from '../guard.js';
import type { Router } from '../route.js';
import { categoryOf, categoryView, itemOf, itemView, serverOf, serverView } from '../views.js';

const TAG = 'catalog';
const itemParams = z.object({ id: z.string().min(1).describe('the item name') });

const listQuery = z.object({
  category: z.string().optional(),
  search: z.string().optional().describe('words that must all appear'),
  difficulty: z.enum(DIFFICULTIES).optional(),
});

const favoriteView = z.object({ item: itemView, team: z.boolean() });
const toggleBody = z
  .object({ team: z.boolean().default(false) })
  .strict()
  .prefault({});

async function favourites(ctx: HttpContext, subject: Subject) {
  const rows = await ctx.app.store.db
    .selectFrom('favorites')
    .select(['item_name', 'owner'])
    .where('owner', 'in', [actorOf(subject), 'team'])
    .orderBy('created_at')
    .execute();
  return rows;
}

function usable(ctx: HttpContext, subject: Subject) {
  return (item: Parameters<typeof ctx.access.canUseItem>[1]) =>
    ctx.access.canUseItem(subject, item).ok;
}

export function catalogRoutes(router: Router, ctx: HttpContext): void {
  router.add({
    method: 'GET',
    url: '/api/v1/catalog',
    tag: TAG,
    summary: 'Catalog items and categories the token may use, filtered',
    query: listQuery,
    response: z.object({
      items: z.array(itemView),
      categories: z.array(categoryView),
      total: z.int(),
    }),
    async handler({ query, subject }) {
      const mine = new Set((await favourites(ctx, subject)).map((f) => f.item_name));
      const may = usable(ctx, subject);
      const items = ctx.app.catalog
        .search({ category: query.category, words: query.search, difficulty: query.difficulty })
        .filter(may);
      const categories = ctx.app.catalog.categories().map((category) => {
        const count = ctx.app.catalog.search({ category: category.name }).filter(may).length;
        return categoryOf(category, count);
      });
      const views = items.map((item) => itemOf(item, mine.has(item.name)));
      return { items: views, categories, total: views.length };
    },
  });

  router.add({
    method: 'GET',
    url: '/api/v1/catalog/favorites',
    tag: TAG,
    summary: "The token's favourite items, then the team's pins",
    response: z.object({ favorites: z.array(favoriteView) }),
    async handler({ subject }) {
      const may = usable(ctx, subject);
      const favorites = (await favourites(ctx, subject)).flatMap((row) => {
        const item = ctx.app.catalog.get(row.item_name);
        if (!item?.enabled || !may(item)) return [];
        return [{ item: itemOf(item, true), team: row.owner === 'team' }];
      });
      return { favorites };
    },
  });

  router.add({
    method: 'POST',
    url: '/api/v1/catalog/favorites/:id',
    tag: TAG,
    summary: 'Stars or unstars an item; `team: true` pins it for everyone (needs pin)',
    params: itemParams,
    body: toggleBody,
    response: z.object({ item: z.string(), favorite: z.boolean(), team: z.boolean() }),
    async handler({ params, body, subject }) {
      const item = await usableItem(ctx, subject, params.id, 'path');
      const owner = body.team ? 'team' : actorOf(subject);
      const what = { action: 'favorite.pin' as const, item: item.name };
      if (body.team) await allow(ctx, subject, ctx.access.can(subject, 'pin'), what);
      const { db } = ctx.app.store;
      const removed = await db
        .deleteFrom('favorites')
        .where('owner', '=', owner)
        .where('item_name', '=', item.name)
        .executeTakeFirst();
      const favorite = removed.numDeletedRows === 0n;
      if (favorite) {
        const row = { owner, item_name: item.name, created_at: ctx.now() };
        await db.insertInto('favorites').values(row).execute();
      }
      if (body.team) {
        const action = favorite ? 'favorite.pin' : 'favorite.unpin';
        await audit(ctx, subject, { action, item: item.name }, 'ok');
      }
      return { item: item.name, favorite, team: body.team };
    },
  });

  router.add({
    method: 'GET',
    url: '/api/v1/catalog/:id',
    tag: TAG,
    summary: 'One catalog item with its parameters',
    params: itemParams,
    response: itemView,
    async handler({ params, subject }) {
      const item = await usableItem(ctx, subject, params.id, 'path');
      const mine = await favourites(ctx, subject);
      return itemOf(
        item,
        mine.some((f) => f.item_name === item.name),
      );
    },
  });

  router.add({
    method: 'GET',
    url: '/api/v1/catalog/:id/compatible-servers',
    tag: TAG,
    summary: 'The servers that can run the item, and what the others lack',
    params: itemParams,
    response: z.object({
      compatible: z.array(serverView),
      incompatible: z.array(
        z.object({ server: serverView, missing: z.array(z.string()), message: z.string() }),
      ),
    }),
    async handler({ params, subject }) {
      const item = await usableItem(ctx, subject, params.id, 'path');
      const states = (await ctx.app.servers.list()).filter(
        (s) => ctx.access.canUseServer(subject, s).ok,
      );
      const facts = await Promise.all(states.map((s) => ctx.app.servers.facts(s.name)));
      const compatible = [];
      const incompatible = [];
      for (const state of facts) {
        const fit = checkCompatibility(item, state);
        if (fit.ok) compatible.push(serverOf(state));
        else
          incompatible.push({
            server: serverOf(state),
            missing: fit.missing,
            message: fit.message,
          });
      }
      return { compatible, incompatible };
    },
  });
}
