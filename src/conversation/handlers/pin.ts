/** Team favourites: pinned for everyone by those with the pin permission, and recorded. */
import type { CatalogItem } from '../../catalog/schema.js';
import { audit, guardPermission, subjectOf } from '../guard.js';
import type { Button } from '../screen.js';
import type { Turn } from '../turn.js';
import { notice } from './answers.js';

const TEAM = 'team';

async function isPinned(turn: Turn, name: string): Promise<boolean> {
  const row = await turn.deps.db
    .selectFrom('favorites')
    .select('id')
    .where('owner', '=', TEAM)
    .where('item_name', '=', name)
    .executeTakeFirst();
  return row !== undefined;
}

/** "Pin for the team" or "Unpin", for those who may pin; nothing for others. */
export async function pinButton(turn: Turn, item: CatalogItem): Promise<Button | undefined> {
  if (!turn.deps.access.can(subjectOf(turn), 'pin').ok) return undefined;
  const pinned = await isPinned(turn, item.name);
  return {
    label: pinned ? 'Unpin for the team' : '📌 Pin for the team',
    action: 'fav.pin',
    value: item.name,
  };
}

/** Pins or unpins an item for the whole team, with the pin permission. */
export async function togglePin(turn: Turn, item: CatalogItem): Promise<void> {
  const facts = { action: 'favorite.pin' as const, item };
  if (!(await guardPermission(turn, 'pin', 'You may not pin for the team', facts))) return;
  const pinned = await isPinned(turn, item.name);
  const { db } = turn.deps;
  if (pinned)
    await db
      .deleteFrom('favorites')
      .where('owner', '=', TEAM)
      .where('item_name', '=', item.name)
      .execute();
  else
    await db
      .insertInto('favorites')
      .values({ owner: TEAM, item_name: item.name, created_at: turn.now() })
      .execute();
  await audit(turn, { action: pinned ? 'favorite.unpin' : 'favorite.pin', outcome: 'ok', item });
  const title = pinned
    ? `Unpinned ${item.display_name}`
    : `📌 Pinned ${item.display_name} for the team`;
  await turn.show(
    notice(title, `Everyone sees team pins in \`/${turn.deps.commandName} favorites\`.`),
  );
}
