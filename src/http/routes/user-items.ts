/** POST and PUT /api/v1/catalog: user items made through the API, checked like shipped ones. */
import { z } from 'zod';
import { problemFields } from '../../catalog/user-check.js';
import type { SaveResult } from '../../catalog/user-items.js';
import type { Subject } from '../auth.js';
import type { HttpContext } from '../context.js';
import { ApiError, invalidInput } from '../errors.js';
import { allow, audit } from '../guard.js';
import type { Router } from '../route.js';
import { itemOf, itemView } from '../views.js';

const TAG = 'catalog';
const itemBody = z
  .record(z.string(), z.unknown())
  .describe('a catalog item, as in a catalog file: name, display_name, category, command, …');

async function mayEdit(ctx: HttpContext, subject: Subject, name: unknown) {
  const item = typeof name === 'string' ? name : undefined;
  await allow(ctx, subject, ctx.access.can(subject, 'edit_items'), { action: 'item.save', item });
}

/** 400 with one message per field (`parameters[0].type`), as the catalog's loader words them. */
async function answer(ctx: HttpContext, subject: Subject, result: SaveResult) {
  if (!result.ok) throw invalidInput(problemFields(result.problems), 'catalog_invalid');
  const detail =
    result.change === 'changed' ? `changed ${result.fields.join(', ')}` : result.change;
  await audit(ctx, subject, { action: 'item.save', item: result.item.name }, 'ok', detail);
  return itemOf(result.item, false);
}

export function userItemRoutes(router: Router, ctx: HttpContext): void {
  router.add({
    method: 'POST',
    url: '/api/v1/catalog',
    tag: TAG,
    summary: 'Creates a user item (needs edit_items); refused per field like a catalog file',
    body: itemBody,
    status: 201,
    response: itemView,
    async handler({ body, subject }) {
      await mayEdit(ctx, subject, body.name);
      return answer(
        ctx,
        subject,
        await ctx.app.userItems.save(body, { source: 'api', mode: 'create' }),
      );
    },
  });

  router.add({
    method: 'PUT',
    url: '/api/v1/catalog/:id',
    tag: TAG,
    summary: 'Replaces a user item (needs edit_items); shipped and file items are copied instead',
    params: z.object({ id: z.string().min(1).describe('the item name') }),
    body: itemBody,
    response: itemView,
    async handler({ params, body, subject }) {
      await mayEdit(ctx, subject, params.id);
      if (body.name !== undefined && body.name !== params.id)
        throw new ApiError(
          400,
          'input_invalid',
          'the name in the body must be the one in the path',
          {
            name: `expected ${params.id}`,
          },
        );
      const raw = { ...body, name: params.id };
      return answer(
        ctx,
        subject,
        await ctx.app.userItems.save(raw, { source: 'api', mode: 'replace' }),
      );
    },
  });
}
