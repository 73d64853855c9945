/** Autocomplete for /jobs options: catalog items and server names matching what is typed. */
import { cap } from '../../conversation/limits.js';

const MAX_CHOICES = 25;

export interface AutocompleteSource {
  items(): { name: string; display_name: string }[];
  servers(): Promise<string[]>;
}

export interface Choice {
  name: string;
  value: string;
}

/** Names starting with the typed text first, then names containing it; 25 at most. */
export function ranked<T>(candidates: T[], typed: string, words: (c: T) => string[]): T[] {
  const want = typed.trim().toLowerCase();
  if (!want) return candidates.slice(0, MAX_CHOICES);
  const score = (c: T) => {
    const all = words(c).map((w) => w.toLowerCase());
    if (all.some((w) => w.startsWith(want))) return 0;
    return all.some((w) => w.includes(want)) ? 1 : 2;
  };
  return candidates
    .map((c) => ({ c, s: score(c) }))
    .filter((x) => x.s < 2)
    .sort((a, b) => a.s - b.s)
    .slice(0, MAX_CHOICES)
    .map((x) => x.c);
}

function itemChoices(source: AutocompleteSource, typed: string): Choice[] {
  const items = ranked(source.items(), typed, (i) => [i.name, i.display_name]);
  return items.map((i) => ({ name: cap(`${i.display_name} (${i.name})`, 100), value: i.name }));
}

async function serverChoices(source: AutocompleteSource, typed: string): Promise<Choice[]> {
  const names = ranked(await source.servers(), typed, (n) => [n]);
  return names.map((n) => ({ name: cap(n, 100), value: n }));
}

/** The choices for the option being typed (`item`, `server`, `probe`, `filter`). */
export async function suggestions(
  source: AutocompleteSource,
  option: string,
  typed: string,
): Promise<Choice[]> {
  if (option === 'item') return itemChoices(source, typed);
  if (option === 'server' || option === 'probe') return serverChoices(source, typed);
  if (option === 'filter') {
    const both = [...itemChoices(source, typed), ...(await serverChoices(source, typed))];
    return both.slice(0, MAX_CHOICES);
  }
  return [];
}
