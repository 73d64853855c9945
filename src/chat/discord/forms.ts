/**
 * Forms open in Discord, in memory: a modal holds 5 fields, so a longer form is filled page by
 * page, and what was typed on earlier pages waits here until the last page is submitted.
 */
import type { Form, FormField, Screen } from '../../conversation/screen.js';

export const FIELDS_PER_MODAL = 5;
const KEEP_MS = 24 * 3600 * 1000;
const MAX_FORMS = 5000;

export type Typed = Record<string, string | string[]>;

export interface OpenForm {
  userId: string;
  form: Form;
  /** The screen the form came with, shown again between pages. */
  screen: Screen;
  pages: FormField[][];
  /** Pages still to fill, in order; the first is the one the next modal shows. */
  todo: number[];
  /** How many pages this round of filling asks for in all. */
  planned: number;
  typed: Typed;
  at: number;
}

export function pagesOf(fields: FormField[]): FormField[][] {
  const pages: FormField[][] = [];
  for (let i = 0; i < fields.length; i += FIELDS_PER_MODAL) {
    pages.push(fields.slice(i, i + FIELDS_PER_MODAL));
  }
  return pages.length > 0 ? pages : [[]];
}

/** Every page when the form is fresh; only the pages with an error when it comes back. */
function pagesToFill(pages: FormField[][]): number[] {
  const withErrors = pages.flatMap((page, i) => (page.some((f) => f.error) ? [i] : []));
  return withErrors.length > 0 ? withErrors : pages.map((_, i) => i);
}

/** The value a field submits: what was typed on an earlier page, else what it showed. */
export function currentValue(entry: OpenForm, field: FormField): string | string[] | undefined {
  return entry.typed[field.name] ?? field.value;
}

/** Every field's value for the conversation: typed ones win over what the form showed. */
export function submittedValues(entry: OpenForm): Typed {
  const values: Typed = {};
  for (const field of entry.form.fields) {
    const value = currentValue(entry, field);
    if (value !== undefined) values[field.name] = value;
  }
  return values;
}

export class FormStore {
  readonly #forms = new Map<string, OpenForm>();
  readonly #now: () => number;

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** Remembers the form a screen carries for this user; a newer one replaces the older. */
  open(userId: string, screen: Screen): OpenForm | undefined {
    const form = screen.form;
    if (!form) return undefined;
    const pages = pagesOf(form.fields);
    const todo = pagesToFill(pages);
    const entry: OpenForm = {
      userId,
      form,
      screen,
      pages,
      todo,
      planned: todo.length,
      typed: {},
      at: this.#now(),
    };
    const key = keyOf(userId, form.action, form.value);
    this.#forms.delete(key);
    this.#forms.set(key, entry);
    this.#sweep();
    return entry;
  }

  get(userId: string, action: string, value: string): OpenForm | undefined {
    const entry = this.#forms.get(keyOf(userId, action, value));
    if (!entry || this.#now() - entry.at > KEEP_MS) return undefined;
    return entry;
  }

  close(entry: OpenForm): void {
    this.#forms.delete(keyOf(entry.userId, entry.form.action, entry.form.value));
  }

  get size(): number {
    return this.#forms.size;
  }

  #sweep(): void {
    const now = this.#now();
    for (const [key, entry] of this.#forms) {
      if (this.#forms.size <= MAX_FORMS && now - entry.at <= KEEP_MS) break;
      this.#forms.delete(key);
    }
  }
}

function keyOf(userId: string, action: string, value: string): string {
  return `${userId} ${action}|${value}`;
}
