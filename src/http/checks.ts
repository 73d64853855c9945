/** The checks before anything runs: item, access, parameters, servers, confirmation. */
import { type ParamValues, validateParameters } from '../catalog/params.js';
import type { CatalogItem } from '../catalog/schema.js';
import { didYouMean } from '../catalog/suggest.js';
import type { Subject } from '../jobs/access.js';
import { checkCompatibility } from '../jobs/compat.js';
import type { HttpContext } from './context.js';
import { ApiError, invalidInput } from './errors.js';
import { allow } from './guard.js';
import { isDangerous } from './links.js';

/** The item a request names, if the subject may use it; `where` says how a miss is answered. */
export async function usableItem(
  ctx: HttpContext,
  subject: Subject,
  name: string,
  where: 'path' | 'body' = 'body',
): Promise<CatalogItem> {
  const item = ctx.app.catalog.get(name);
  if (!item?.enabled) {
    const names = ctx.app.catalog.items().map((i) => i.name);
    const hint = didYouMean(name, names) || '; GET /api/v1/catalog lists them';
    const message = `no catalog item ${name}${hint}`;
    throw where === 'path'
      ? new ApiError(404, 'item_unknown', message)
      : new ApiError(400, 'item_unknown', message, { item: message });
  }
  await allow(ctx, subject, ctx.access.canUseItem(subject, item), { action: 'access', item: name });
  return item;
}

/** Coerced, defaulted values, or 400 with one message per parameter (`parameters.NAME`). */
export function checkedValues(item: CatalogItem, raw: Record<string, unknown>): ParamValues {
  const result = validateParameters(item, raw);
  if (result.ok) return result.values;
  const fields = Object.fromEntries(
    Object.entries(result.errors).map(([name, message]) => [`parameters.${name}`, message]),
  );
  throw invalidInput(fields, 'parameters_invalid');
}

/** Every named server exists, may be used by the subject, and can run the item. */
export async function checkServers(
  ctx: HttpContext,
  subject: Subject,
  item: CatalogItem,
  names: readonly string[],
): Promise<void> {
  if (names.length === 0) throw invalidInput({ servers: 'name at least one server' });
  const known = (await ctx.app.servers.list()).map((s) => s.name);
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    const message = `no server named ${unknown.join(', ')}; known: ${known.join(', ')}`;
    throw new ApiError(400, 'server_unknown', message, { servers: message });
  }
  for (const name of names) {
    const decision = ctx.access.canUseServer(subject, await ctx.app.servers.get(name));
    await allow(ctx, subject, decision, { action: 'access', item: item.name, servers: [name] });
  }
  const problems: string[] = [];
  for (const name of names) {
    const fit = checkCompatibility(item, await ctx.app.servers.facts(name));
    if (!fit.ok) problems.push(`${name}: ${fit.message}`);
  }
  if (problems.length > 0) {
    const message = `${item.name} cannot run there: ${problems.join('; ')}`;
    throw new ApiError(409, 'incompatible', message, { servers: problems.join('; ') });
  }
}

/** Dangerous items (chat asks "are you sure?") need `"confirm": true`. */
export function checkConfirmed(item: CatalogItem, confirm: boolean | undefined): void {
  if (!isDangerous(item) || confirm === true) return;
  throw invalidInput({
    confirm: `${item.name} is marked dangerous; send "confirm": true to run it`,
  });
}

/** Notification channels named in a request exist. */
export function checkChannels(ctx: HttpContext, channels: readonly string[], field: string) {
  const known = ctx.app.deliveries.names();
  const unknown = channels.filter((c) => !known.includes(c));
  if (unknown.length === 0) return;
  const configured = known.join(', ') || 'none';
  throw invalidInput({
    [field]: `unknown channel ${unknown.join(', ')}; configured: ${configured}`,
  });
}
