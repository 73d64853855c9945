/** The loaded catalog: categories and items in display order, lookup, search, and origins. */
import { JobdeckError } from '../errors.js';
import type { CatalogItem, Category, Difficulty } from './schema.js';
import { didYouMean } from './suggest.js';

export interface Origin {
  /** The file it was read from, as problems name it. */
  file: string;
  /** True for jobdeck's own catalog/. */
  shipped: boolean;
  /** For a user item kept in the database: where it was made ('chat', 'api', 'import'). */
  user?: string;
}

export interface SearchQuery {
  category?: string;
  /** Every word must appear in the name, display name, description, tags or category. */
  words?: string | string[];
  difficulty?: Difficulty;
}

interface Entry<T> {
  value: T;
  origin: Origin;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export class Catalog {
  /** Items are frozen, so the words search looks through are built once per item. */
  readonly #texts = new WeakMap<CatalogItem, string>();
  readonly #items = new Map<string, Entry<CatalogItem>>();
  readonly #categories = new Map<string, Entry<Category>>();

  constructor(categories: Entry<Category>[], items: Entry<CatalogItem>[]) {
    const byOrder = <T extends { sort_order: number; name: string }>(a: T, b: T) =>
      a.sort_order - b.sort_order || a.name.localeCompare(b.name);
    for (const entry of [...categories].sort((a, b) => byOrder(a.value, b.value))) {
      this.#categories.set(entry.value.name, {
        value: deepFreeze(entry.value),
        origin: entry.origin,
      });
    }
    this.#placeItems(items);
  }

  /** Adds an item or replaces the one of the same name, keeping display order. */
  put(item: CatalogItem, origin: Origin): void {
    const others = [...this.#items.values()].filter((entry) => entry.value.name !== item.name);
    this.#items.clear();
    this.#placeItems([...others, { value: item, origin }]);
  }

  #placeItems(items: Entry<CatalogItem>[]): void {
    const byOrder = (a: CatalogItem, b: CatalogItem) =>
      a.sort_order - b.sort_order || a.name.localeCompare(b.name);
    const rank = (item: CatalogItem) => this.#categories.get(item.category)?.value.sort_order ?? 0;
    const sorted = [...items].sort(
      (a, b) => rank(a.value) - rank(b.value) || byOrder(a.value, b.value),
    );
    for (const entry of sorted) {
      this.#items.set(entry.value.name, { value: deepFreeze(entry.value), origin: entry.origin });
    }
  }

  /** Items in display order; those with `enabled: false` only when asked. */
  items(options: { includeDisabled?: boolean } = {}): CatalogItem[] {
    const all = [...this.#items.values()].map((entry) => entry.value);
    return options.includeDisabled ? all : all.filter((item) => item.enabled);
  }

  get(name: string): CatalogItem | undefined {
    return this.#items.get(name)?.value;
  }

  /** The item, or item_unknown naming the closest names. */
  require(name: string): CatalogItem {
    const item = this.get(name);
    if (item) return item;
    const hint = didYouMean(name, this.#items.keys());
    throw new JobdeckError(
      'item_unknown',
      `no catalog item ${name}${hint || '; see `catalog list`'}`,
    );
  }

  origin(name: string): Origin | undefined {
    return this.#items.get(name)?.origin;
  }

  categories(): Category[] {
    return [...this.#categories.values()].map((entry) => entry.value);
  }

  category(name: string): Category | undefined {
    return this.#categories.get(name)?.value;
  }

  categoryOrigin(name: string): Origin | undefined {
    return this.#categories.get(name)?.origin;
  }

  /** Enabled items matching every part of the query, in display order. */
  search(query: SearchQuery = {}): CatalogItem[] {
    const words = (Array.isArray(query.words) ? query.words : (query.words ?? '').split(/\s+/))
      .map((word) => word.toLowerCase())
      .filter((word) => word !== '');
    return this.items().filter((item) => {
      if (query.category !== undefined && item.category !== query.category) return false;
      if (query.difficulty !== undefined && item.difficulty !== query.difficulty) return false;
      const text = this.#searchText(item);
      return words.every((word) => text.includes(word));
    });
  }

  #searchText(item: CatalogItem): string {
    let text = this.#texts.get(item);
    if (text === undefined) {
      text = this.#buildSearchText(item);
      this.#texts.set(item, text);
    }
    return text;
  }

  #buildSearchText(item: CatalogItem): string {
    const category = this.category(item.category);
    return [
      item.name,
      item.display_name,
      item.description,
      item.subcategory ?? '',
      ...item.tags,
      item.category,
      category?.display_name ?? '',
    ]
      .join(' ')
      .toLowerCase();
  }
}
