/** Browsing the catalog (`/jobs list`), one item's page, and starring favourites. */

import { labelOf } from '../../catalog/param-rules.js';
import type { CatalogItem, Parameter } from '../../catalog/schema.js';
import { advancedItemParts } from '../advanced/items.js';
import { itemLabel } from '../format.js';
import { categoryCounts, usableItems } from '../guard.js';
import { LIMITS } from '../limits.js';
import { type Button, type Screen, screen } from '../screen.js';
import type { Turn } from '../turn.js';
import { pinButton } from './pin.js';

function listQuery(turn: Turn, query: string): { items: CatalogItem[]; heading: string } {
  const category = turn.deps.catalog
    .categories()
    .find(
      (c) => c.name === query.toLowerCase() || c.display_name.toLowerCase() === query.toLowerCase(),
    );
  if (category)
    return {
      items: turn.deps.catalog.search({ category: category.name }),
      heading: `${category.emoji ?? ''} ${category.display_name}: ${category.description}`.trim(),
    };
  if (!query) return { items: turn.deps.catalog.items(), heading: 'All jobs' };
  return { items: turn.deps.catalog.search({ words: query }), heading: `Jobs matching "${query}"` };
}

export function catalogList(turn: Turn, query: string, page = 0): Screen {
  const found = listQuery(turn, query.trim());
  const { heading } = found;
  const items = usableItems(turn, found.items);
  const pages = Math.max(1, Math.ceil(items.length / LIMITS.choicesPerPage));
  const at = Math.min(Math.max(0, page), pages - 1);
  const shown = items.slice(at * LIMITS.choicesPerPage, (at + 1) * LIMITS.choicesPerPage);
  const categories = categoryCounts(turn, (c) => c.name);
  const q = query.trim().slice(0, 40);
  const buttons: Button[] = [];
  if (at > 0) buttons.push({ label: '◀ Previous', action: 'list.page', value: `${at - 1}:${q}` });
  if (at < pages - 1)
    buttons.push({ label: 'Next ▶', action: 'list.page', value: `${at + 1}:${q}` });
  buttons.push({ label: 'New job', action: 'w.new', value: '', style: 'primary' });
  const lines = shown.map(
    (item) => `${itemLabel(item)} \`${item.name}\` (${item.difficulty}): ${item.description}`,
  );
  return screen(`Catalog: ${heading}`, {
    emoji: '📚',
    sections: [
      {
        text:
          items.length > 0
            ? lines.join('\n')
            : `Nothing matches "${query}". Categories: ${categories.join(', ')}.`,
      },
      ...(query ? [] : [{ text: `Categories: ${categories.join(' · ')}` }]),
    ],
    choices:
      shown.length > 0
        ? {
            action: 'item.open',
            value: '',
            placeholder: 'Open a job',
            choices: shown.map((i) => ({
              value: i.name,
              label: itemLabel(i),
              description: i.description,
            })),
          }
        : undefined,
    buttons,
    footer:
      pages > 1 ? `Page ${at + 1} of ${pages} · ${items.length} jobs` : `${items.length} jobs`,
    placement: page === 0 ? 'new' : 'replace',
  });
}

async function isFavourite(turn: Turn, name: string): Promise<boolean> {
  const row = await turn.deps.db
    .selectFrom('favorites')
    .select('id')
    .where('owner', '=', turn.actor)
    .where('item_name', '=', name)
    .executeTakeFirst();
  return row !== undefined;
}

function parameterLine(p: Parameter): string {
  const notes = [
    p.type,
    p.required && 'required',
    p.default !== undefined && `default ${p.default}`,
  ];
  const warning = p.warning ? ` ⚠️ ${p.warning}` : '';
  return `• ${labelOf(p)} (\`${p.name}\`, ${notes.filter(Boolean).join(', ')})${warning}`;
}

export async function itemScreen(turn: Turn, item: CatalogItem): Promise<Screen> {
  const starred = await isFavourite(turn, item.name);
  const pin = await pinButton(turn, item);
  const parameters = item.parameters.map((p) => parameterLine(p));
  const advanced = advancedItemParts(turn, item);
  return screen(itemLabel(item), {
    sections: [
      { text: item.description || item.display_name },
      ...(parameters.length > 0 ? [{ text: `Parameters:\n${parameters.join('\n')}` }] : []),
      ...advanced.sections,
    ],
    fields: [
      { label: 'Category', value: item.category },
      { label: 'Difficulty', value: item.difficulty },
      { label: 'Needs', value: item.required_capabilities.join(', ') || 'nothing special' },
      { label: 'Timeout', value: `${item.default_timeout}s` },
    ],
    buttons: [
      { label: 'Run…', action: 'w.start', value: item.name, style: 'primary' },
      { label: starred ? '☆ Unstar' : '⭐ Star', action: 'fav.toggle', value: item.name },
      ...(pin ? [pin] : []),
      ...advanced.buttons,
    ],
    footer: `/${turn.deps.commandName} run ${item.name}`,
    placement: 'new',
  });
}

/** Stars or unstars an item for the user; answers whether it is now a favourite. */
export async function toggleFavourite(turn: Turn, name: string): Promise<boolean> {
  if (await isFavourite(turn, name)) {
    await turn.deps.db
      .deleteFrom('favorites')
      .where('owner', '=', turn.actor)
      .where('item_name', '=', name)
      .execute();
    return false;
  }
  await turn.deps.db
    .insertInto('favorites')
    .values({ owner: turn.actor, item_name: name, created_at: turn.now() })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return true;
}
