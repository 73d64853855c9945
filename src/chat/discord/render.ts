/** A Screen as a Discord message: one embed, then a select, a form button and buttons in rows. */
import { cap } from '../../conversation/limits.js';
import type { Button, Form, FormField, Screen, Section } from '../../conversation/screen.js';
import { customId } from './custom-id.js';
import { screenEmbed } from './embed.js';
import { fieldSelect, selectOptions } from './modal.js';
import type { MessageBody } from './types.js';

export const MESSAGE = { rows: 5, buttonsPerRow: 5, buttonLabel: 80, placeholder: 150 };
const STYLE = { primary: 1, secondary: 2, danger: 4 } as const;

type Component = Record<string, unknown>;

export interface RenderOptions {
  ephemeral?: boolean;
  /** Where a form being filled page by page stands: pages done and pages in all. */
  progress?: { done: number; pages: number };
  /** Leave out the sections and say where they are instead (a run card). */
  sectionsInstead?: Section[];
}

/** The field a one-field select form shows right in the message, or undefined. */
export function inlineField(form: Form | undefined): FormField | undefined {
  const only = form?.fields.length === 1 ? form.fields[0] : undefined;
  if (!only || (only.type !== 'select' && only.type !== 'multiselect')) return undefined;
  return selectOptions(only) ? only : undefined;
}

function button(label: string, id: string, style: number): Component {
  return { type: 2, style, label: cap(label || '…', MESSAGE.buttonLabel), custom_id: id };
}

function screenButton(b: Button): Component {
  const id = customId(b.confirm ? 'confirm' : 'act', b.action, b.value);
  return button(b.label, id, b.style ? STYLE[b.style] : STYLE.secondary);
}

function choiceSelect(screen: Screen): Component | undefined {
  const list = screen.choices;
  const seen = new Set<string>();
  const options = (list?.choices ?? []).filter((c) => {
    if (c.disabled || seen.has(c.value)) return false;
    seen.add(c.value);
    return true;
  });
  if (!list || options.length === 0) return undefined;
  return {
    type: 3,
    custom_id: customId('act', list.action, list.value),
    placeholder: cap(list.placeholder, MESSAGE.placeholder),
    min_values: 1,
    max_values: list.multi ? options.length : 1,
    options: options.map((c) => ({
      label: cap(c.label || c.value, 100),
      value: c.value,
      ...(c.description ? { description: cap(c.description, 100) } : {}),
      ...(list.selected?.includes(c.value) ? { default: true } : {}),
    })),
  };
}

function formLabel(form: Form, progress: RenderOptions['progress']): string {
  if (form.fields.some((f) => f.error)) return '📝 Fix the form';
  if (progress && progress.done > 0) {
    return `📝 Continue (page ${progress.done + 1} of ${progress.pages})`;
  }
  return `📝 ${form.title}`;
}

/** The form in the message: an inline select (and a button to keep it as is), or a button. */
function formComponents(form: Form, progress: RenderOptions['progress']) {
  const field = inlineField(form);
  if (!field) {
    const open = button(formLabel(form, progress), customId('form', form.action, form.value), 1);
    return { selects: [], buttons: [open] };
  }
  const chosen = Array.isArray(field.value) ? field.value : field.value ? [field.value] : [];
  const select = fieldSelect(field, selectOptions(field) ?? [], chosen, '', false);
  select.custom_id = customId('pick', form.action, form.value);
  select.placeholder = cap(`${field.label}${field.error ? `: ${field.error}` : ''}`, 150);
  const keep =
    chosen.length > 0
      ? [button(form.submitLabel, customId('accept', form.action, form.value), 1)]
      : [];
  return { selects: [select], buttons: keep };
}

function rows(selects: Component[], buttons: Component[]): Component[] {
  const seen = new Set<string>();
  const unique = (c: Component) => {
    const id = String(c.custom_id);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  };
  const selectRows = selects.filter(unique).map((s) => ({ type: 1, components: [s] }));
  const room = (MESSAGE.rows - selectRows.length) * MESSAGE.buttonsPerRow;
  const kept = buttons.filter(unique).slice(0, room);
  const buttonRows: Component[] = [];
  for (let i = 0; i < kept.length; i += MESSAGE.buttonsPerRow) {
    buttonRows.push({ type: 1, components: kept.slice(i, i + MESSAGE.buttonsPerRow) });
  }
  return [...selectRows, ...buttonRows].slice(0, MESSAGE.rows);
}

function formErrors(form: Form | undefined): Section[] {
  const wrong = (form?.fields ?? []).filter((f) => f.error);
  if (wrong.length === 0) return [];
  return [{ text: wrong.map((f) => `✗ **${f.label}**: ${f.error}`).join('\n') }];
}

function progressNote(progress: RenderOptions['progress']): Section[] {
  if (!progress || progress.done === 0) return [];
  return [{ text: `Page ${progress.done} of ${progress.pages} saved; continue with the next.` }];
}

export function renderMessage(screen: Screen, options: RenderOptions = {}): MessageBody {
  const selects: Component[] = [];
  const buttons: Component[] = [];
  const choice = choiceSelect(screen);
  if (choice) selects.push(choice);
  if (screen.form) {
    const parts = formComponents(screen.form, options.progress);
    selects.push(...parts.selects);
    buttons.push(...parts.buttons);
  }
  buttons.push(...screen.buttons.map(screenButton));
  const sections = options.sectionsInstead ?? [
    ...screen.sections,
    ...formErrors(screen.form),
    ...progressNote(options.progress),
  ];
  const body: MessageBody = {
    embeds: [screenEmbed(screen, { sections })],
    components: rows(selects, buttons),
    allowed_mentions: { parse: [] },
  };
  if (options.ephemeral) body.flags = 64;
  return body;
}

/** A short message with no components: where something went, or that it is done. */
export function renderNote(title: string, text: string, ephemeral: boolean): MessageBody {
  const body: MessageBody = {
    embeds: [{ title: cap(title, 256), description: cap(text, 4096), color: 0x5865f2 }],
    components: [],
    allowed_mentions: { parse: [] },
  };
  if (ephemeral) body.flags = 64;
  return body;
}
