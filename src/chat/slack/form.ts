/** Forms as modal input blocks, and a submitted view's state read back as form values. */
import type { Form, FormField } from '../../conversation/screen.js';
import { type Block, contextBlock, optionOf, SLACK } from './blocks.js';
import { fieldOfBlockId, inputBlockId, optionValue, readOptionValue } from './ids.js';
import { cut, plain } from './text.js';

/** How hard to squeeze a form that would not fit Slack's view size otherwise. */
export interface FormFit {
  maxOptions: number;
  noteMax: number;
  /** Warnings and errors as context blocks below their input, or folded into the hint. */
  notesAsBlocks: boolean;
}

const INPUT_MAX = 3000;

function placeholder(field: FormField): Block {
  const text = field.type === 'secret' ? 'Hidden; never stored or shown again' : field.placeholder;
  return text ? { placeholder: plain(text, SLACK.placeholder) } : {};
}

function first(value: FormField['value']): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function textInput(field: FormField): Block {
  const element: Block = { type: 'plain_text_input', action_id: field.name, ...placeholder(field) };
  if (field.multiline) element.multiline = true;
  const initial = field.type === 'secret' ? undefined : first(field.value);
  if (initial) element.initial_value = cut(initial, INPUT_MAX);
  const max = Math.min(field.maxLength ?? INPUT_MAX, INPUT_MAX);
  if (max >= (initial?.length ?? 0)) element.max_length = max;
  return element;
}

function numberInput(field: FormField): Block {
  const element: Block = {
    type: 'number_input',
    action_id: field.name,
    is_decimal_allowed: true,
    ...placeholder(field),
  };
  if (field.min !== undefined) element.min_value = String(field.min);
  if (field.max !== undefined) element.max_value = String(field.max);
  const n = Number(first(field.value));
  const inRange =
    (field.min === undefined || n >= field.min) && (field.max === undefined || n <= field.max);
  if (first(field.value)?.trim() && Number.isFinite(n) && inRange)
    element.initial_value = String(n);
  return element;
}

function maxOptions(fit: FormFit): number {
  return Math.min(fit.maxOptions, SLACK.options);
}

/** The options that fit, in their order, the chosen ones always among them. */
function shownOptions(field: FormField, fit: FormFit): { value: string; label: string }[] {
  const all = field.options ?? [];
  const wanted = new Set(Array.isArray(field.value) ? field.value : [field.value ?? '']);
  const chosen = all.filter((o) => wanted.has(o.value)).slice(0, maxOptions(fit));
  let room = maxOptions(fit) - chosen.length;
  return all.filter((o) => (wanted.has(o.value) ? chosen.includes(o) : room-- > 0));
}

function selectInput(field: FormField, fit: FormFit): Block {
  const options = shownOptions(field, fit).map((o) => optionOf(o.value, o.label));
  const wanted = new Set(
    (Array.isArray(field.value) ? field.value : [field.value ?? '']).map(optionValue),
  );
  const initial = options.filter((o) => wanted.has(String(o.value)));
  const multi = field.type === 'multiselect';
  const element: Block = {
    type: multi ? 'multi_static_select' : 'static_select',
    action_id: field.name,
    options,
    ...placeholder(field),
  };
  if (multi && initial.length > 0) element.initial_options = initial;
  if (!multi && initial[0]) element.initial_option = initial[0];
  return element;
}

function checkbox(field: FormField): Block {
  const option = { text: plain(field.label, SLACK.option), value: 'true' };
  const element: Block = { type: 'checkboxes', action_id: field.name, options: [option] };
  if (first(field.value) === 'true') element.initial_options = [option];
  return element;
}

function elementOf(field: FormField, fit: FormFit): Block {
  if (field.type === 'boolean') return checkbox(field);
  if (field.type === 'number') return numberInput(field);
  if ((field.type === 'select' || field.type === 'multiselect') && field.options?.length)
    return selectInput(field, fit);
  return textInput(field);
}

function notesOf(field: FormField, fit: FormFit): string[] {
  const count = field.options?.length ?? 0;
  const more =
    count > maxOptions(fit) ? [`The menu shows ${maxOptions(fit)} of ${count} choices.`] : [];
  return [
    ...more,
    ...(field.warning ? [`⚠️ ${field.warning}`] : []),
    ...(field.error ? [`❌ ${field.error}`] : []),
  ];
}

/** One input block per field; notes below it as context blocks when `fit` allows. */
export function inputBlocks(form: Form, fit: FormFit): Block[] {
  const blocks: Block[] = [];
  for (const field of form.fields) {
    const notes = notesOf(field, fit);
    const hint = [field.description, ...(fit.notesAsBlocks ? [] : notes)].filter(Boolean);
    blocks.push({
      type: 'input',
      block_id: inputBlockId(form.action, field.name),
      label: plain(field.label, 2000),
      optional: field.type === 'boolean' || !field.required,
      element: elementOf(field, fit),
      ...(hint.length > 0 ? { hint: plain(hint.join(' '), fit.noteMax) } : {}),
    });
    if (fit.notesAsBlocks && notes.length > 0)
      blocks.push(contextBlock(notes.join('\n'), fit.noteMax));
  }
  return blocks;
}

export function noteCount(form: Form, fit: FormFit): number {
  return form.fields.filter((f) => notesOf(f, fit).length > 0).length;
}

type StateEntry = {
  type?: string;
  value?: string | null;
  selected_option?: { value?: string } | null;
  selected_options?: { value?: string }[];
};

/** A submitted view's state.values as form values by field name. */
export function readSubmission(
  values: Record<string, Record<string, StateEntry>>,
): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [blockId, actions] of Object.entries(values)) {
    const name = fieldOfBlockId(blockId);
    const entry = Object.values(actions ?? {})[0];
    if (!name || !entry || typeof entry !== 'object') continue;
    const picked = Array.isArray(entry.selected_options) ? entry.selected_options : [];
    if (entry.type === 'checkboxes') out[name] = picked.length ? 'true' : 'false';
    else if (entry.type === 'multi_static_select')
      out[name] = picked.map((o) => readOptionValue(String(o?.value)));
    else if (entry.type === 'static_select')
      out[name] = entry.selected_option ? readOptionValue(String(entry.selected_option.value)) : '';
    else out[name] = entry.value ?? '';
  }
  return out;
}

/** Field errors keyed by input block id, for `response_action: errors`. */
export function errorsOf(form: Form): Record<string, string> | undefined {
  const errors = form.fields
    .filter((f) => f.error)
    .map((f) => [inputBlockId(form.action, f.name), cut(f.error ?? '', 2000)]);
  return errors.length > 0 ? Object.fromEntries(errors) : undefined;
}
