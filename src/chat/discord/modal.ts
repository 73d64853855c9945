/**
 * One page of a form as a Discord modal: each field a Label (type 18) around a text input or a
 * string select; yes/no as a select; and the submission read back into form values.
 */
import { cap } from '../../conversation/limits.js';
import type { FormField } from '../../conversation/screen.js';
import { customId } from './custom-id.js';
import { currentValue, type OpenForm, type Typed } from './forms.js';
import type { RawComponent } from './types.js';

export const MODAL = { title: 45, label: 45, description: 100, placeholder: 100, value: 4000 };
const SELECT_OPTIONS = 25;
const OPTION_TEXT = 100;
const LONG_TEXT = 100;

const YES_NO = [
  { value: 'true', label: 'Yes' },
  { value: 'false', label: 'No' },
];

/** The options a field offers as a select, or undefined when it must be typed. */
export function selectOptions(field: FormField): { value: string; label: string }[] | undefined {
  if (field.type === 'boolean') return YES_NO;
  if (field.type !== 'select' && field.type !== 'multiselect') return undefined;
  const options = field.options ?? [];
  const fits = options.every((o) => o.value.length > 0 && o.value.length <= OPTION_TEXT);
  const unique = new Set(options.map((o) => o.value)).size === options.length;
  if (options.length === 0 || options.length > SELECT_OPTIONS || !fits || !unique) return undefined;
  return options;
}

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : value === '' ? [] : [value];
}

/** A string select for a field, named `id`; in a modal it may be left empty when optional. */
export function fieldSelect(
  field: FormField,
  options: { value: string; label: string }[],
  chosen: string[],
  id: string,
  inModal = true,
): Record<string, unknown> {
  const multi = field.type === 'multiselect';
  const isBoolean = field.type === 'boolean';
  const picked = isBoolean && chosen.length === 0 ? ['false'] : chosen;
  const required = field.required || isBoolean || !inModal;
  const select: Record<string, unknown> = {
    type: 3,
    custom_id: id,
    options: options.map((o) => ({
      label: cap(o.label || o.value, OPTION_TEXT),
      value: o.value,
      default: picked.includes(o.value),
    })),
    min_values: required ? 1 : 0,
    max_values: multi ? options.length : 1,
  };
  if (inModal) select.required = required;
  return select;
}

function hint(field: FormField): string | undefined {
  if (field.placeholder) return field.placeholder;
  if (field.options?.length) {
    const names = field.options.map((o) => o.value).join(', ');
    return field.type === 'multiselect' ? `comma-separated: ${names}` : `one of: ${names}`;
  }
  if (field.type === 'number') {
    const range = [field.min, field.max].every((n) => n !== undefined)
      ? ` ${field.min}–${field.max}`
      : '';
    return `a number${range}`;
  }
  return field.type === 'secret' ? 'hidden from chat and logs' : undefined;
}

function textInput(field: FormField, value: string | string[] | undefined) {
  const text = cap(Array.isArray(value) ? value.join(', ') : (value ?? ''), MODAL.value, '');
  const long = field.multiline || text.length > LONG_TEXT || (field.maxLength ?? 0) > 1000;
  const input: Record<string, unknown> = {
    type: 4,
    custom_id: field.name,
    style: long ? 2 : 1,
    required: field.required,
  };
  if (text) input.value = text;
  const placeholder = hint(field);
  if (placeholder) input.placeholder = cap(placeholder, MODAL.placeholder);
  if (field.maxLength)
    input.max_length = Math.min(MODAL.value, Math.max(field.maxLength, text.length));
  return input;
}

/** What the label says under the field: the error first, then the warning, then the help. */
function noteOf(field: FormField): string | undefined {
  if (field.error) return `✗ ${field.error}`;
  if (field.warning) return `⚠️ ${field.warning}`;
  return field.description || undefined;
}

function label(entry: OpenForm, field: FormField): Record<string, unknown> {
  const value = currentValue(entry, field);
  const options = selectOptions(field);
  const component = options
    ? fieldSelect(field, options, asList(value), field.name)
    : textInput(field, value);
  const note = noteOf(field);
  const labelled: Record<string, unknown> = {
    type: 18,
    label: cap(field.label || field.name, MODAL.label),
    component,
  };
  if (note) labelled.description = cap(note, MODAL.description);
  return labelled;
}

/** The modal for the next page the form needs. */
export function modalFor(entry: OpenForm): Record<string, unknown> {
  const page = entry.todo[0] ?? 0;
  const fields = entry.pages[page] ?? [];
  const count = entry.pages.length;
  const suffix = count > 1 ? ` (${page + 1}/${count})` : '';
  return {
    custom_id: customId('form', entry.form.action, entry.form.value),
    title: cap(entry.form.title || 'Form', MODAL.title - suffix.length) + suffix,
    components: fields.map((field) => label(entry, field)),
  };
}

/** Every input of a submitted modal by custom id: text as a string, selects as a list. */
export function readSubmission(components: RawComponent[] = []): Map<string, string | string[]> {
  const found = new Map<string, string | string[]>();
  const visit = (c: RawComponent) => {
    if (c.custom_id !== undefined && c.type === 4) found.set(c.custom_id, c.value ?? '');
    else if (c.custom_id !== undefined && c.values) found.set(c.custom_id, c.values);
    for (const child of c.components ?? []) visit(child);
    if (c.component) visit(c.component);
  };
  for (const c of components) visit(c);
  return found;
}

/** A field's submitted input as the value the conversation takes for its type. */
export function formValue(field: FormField, input: string | string[]): string | string[] {
  if (field.type === 'multiselect') {
    if (Array.isArray(input)) return input;
    return input
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
  }
  return Array.isArray(input) ? (input[0] ?? '') : input;
}

/** Values of one page's fields from a submission. */
export function pageValues(fields: FormField[], submitted: Map<string, string | string[]>): Typed {
  const typed: Typed = {};
  for (const field of fields) {
    const input = submitted.get(field.name);
    if (input !== undefined) typed[field.name] = formValue(field, input);
  }
  return typed;
}
