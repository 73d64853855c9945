/** Step 1: choose the job. Favourites first, categories with counts, search, difficulty. */
import type { CatalogItem } from '../../catalog/schema.js';
import type { Db } from '../../store/db.js';
import { reusable } from '../../store/reusable.js';
import { itemLabel } from '../format.js';
import { categoryCounts, usableItems } from '../guard.js';
import { LIMITS } from '../limits.js';
import type { Button, Screen } from '../screen.js';
import { screen } from '../screen.js';
import type { Turn } from '../turn.js';
import type { WizardState } from './sessions.js';

/** Leaves room for search, difficulty, paging and Cancel within LIMITS.buttons. */
const MAX_CATEGORY_BUTTONS = 9;
const FAVOURITES_FIRST = ', favourites first';
const DIFFICULTY_CYCLE = ['any', 'basic', 'intermediate', 'advanced'];

export function stepTitle(step: number, what: string): string {
  return `New job · Step ${step} of 5: ${what}`;
}

export function navButtons(state: WizardState, back = true): Button[] {
  const buttons: Button[] = [];
  if (back) buttons.push({ label: 'Back', action: 'w.back', value: state.id });
  buttons.push({ label: 'Cancel', action: 'w.cancel', value: state.id });
  return buttons;
}

const favouriteRows = reusable(1, (db: Db, actor: string) =>
  db.selectFrom('favorites').select('item_name').where('owner', 'in', [actor, 'team']),
);

async function favouriteNames(turn: Turn): Promise<Set<string>> {
  const { rows } = await favouriteRows(turn.deps.db, turn.actor);
  return new Set(rows.map((r) => r.item_name));
}

function filtered(turn: Turn, state: WizardState): CatalogItem[] {
  const f = state.data.filter ?? {};
  const difficulty = f.difficulty && f.difficulty !== 'any' ? f.difficulty : undefined;
  return usableItems(
    turn,
    turn.deps.catalog.search({ category: f.category, words: f.words, difficulty }),
  );
}

export async function selectStep(turn: Turn, state: WizardState): Promise<Screen> {
  const favourites = await favouriteNames(turn);
  const items = filtered(turn, state);
  const ordered = [
    ...items.filter((i) => favourites.has(i.name)),
    ...items.filter((i) => !favourites.has(i.name)),
  ];
  const pages = Math.max(1, Math.ceil(ordered.length / LIMITS.choicesPerPage));
  const page = Math.min(state.data.filter?.page ?? 0, pages - 1);
  const shown = ordered.slice(page * LIMITS.choicesPerPage, (page + 1) * LIMITS.choicesPerPage);
  const counts = categoryCounts(turn, (c) => c.display_name);
  const f = state.data.filter ?? {};
  const filters = [
    f.category && `category ${f.category}`,
    f.words && `words "${f.words}"`,
    f.difficulty && f.difficulty !== 'any' && `difficulty ${f.difficulty}`,
  ].filter(Boolean);
  const buttons: Button[] = turn.deps.catalog
    .categories()
    .slice(0, MAX_CATEGORY_BUTTONS)
    .map((c) => ({
      label: `${c.emoji ?? ''} ${c.display_name}`.trim(),
      action: 'w.cat',
      value: `${state.id}:${c.name}`,
      style: f.category === c.name ? 'primary' : undefined,
    }));
  buttons.push({ label: 'All', action: 'w.cat', value: `${state.id}:` });
  buttons.push({ label: 'Search…', action: 'w.search', value: state.id });
  const next =
    DIFFICULTY_CYCLE[
      (DIFFICULTY_CYCLE.indexOf(f.difficulty ?? 'any') + 1) % DIFFICULTY_CYCLE.length
    ];
  buttons.push({
    label: `Difficulty: ${f.difficulty ?? 'any'}`,
    action: 'w.diff',
    value: `${state.id}:${next}`,
  });
  if (page > 0)
    buttons.push({ label: '◀ Previous', action: 'w.page', value: `${state.id}:${page - 1}` });
  if (page < pages - 1)
    buttons.push({ label: 'Next ▶', action: 'w.page', value: `${state.id}:${page + 1}` });
  buttons.push(...navButtons(state, false));
  return screen(stepTitle(1, 'choose a job'), {
    sections: [
      { text: `Categories: ${counts.join(' · ')}` },
      {
        text:
          filters.length > 0
            ? `Showing ${ordered.length} jobs with ${filters.join(', ')}.`
            : `Showing all ${ordered.length} jobs${favourites.size > 0 ? FAVOURITES_FIRST : ''}.`,
      },
    ],
    choices: {
      action: 'w.item',
      value: state.id,
      placeholder: shown.length > 0 ? 'Choose a job' : 'No job matches; change the filters',
      choices: shown.map((item) => ({
        value: item.name,
        label: `${favourites.has(item.name) ? '⭐ ' : ''}${itemLabel(item)}`,
        description: `${item.category} · ${item.difficulty} · ${item.description}`,
      })),
    },
    buttons,
    footer: pages > 1 ? `Page ${page + 1} of ${pages}` : undefined,
  });
}
