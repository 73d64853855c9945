/** What a user "typed" into a view, shaped as Slack reports it in state.values and actions. */
import type { Json, StoredView } from './types.js';

/** A value a test gives for one element, by action_id: text, number, choice(s) or a checkbox. */
export type InputValue = string | number | boolean | string[] | null;

export interface FoundElement {
  blockId: string;
  element: Json;
}

function elementsOf(block: Json): Json[] {
  if (block.type === 'input' && block.element) return [block.element as Json];
  if (block.type === 'actions' && Array.isArray(block.elements)) return block.elements as Json[];
  if (block.type === 'section' && block.accessory) return [block.accessory as Json];
  return [];
}

export function findElement(blocks: Json[], actionId: string): FoundElement | undefined {
  for (const block of blocks) {
    const element = elementsOf(block).find((e) => e.action_id === actionId);
    if (element) return { blockId: String(block.block_id), element };
  }
  return undefined;
}

function optionsOf(element: Json): Json[] {
  const plain = Array.isArray(element.options) ? (element.options as Json[]) : [];
  const groups = Array.isArray(element.option_groups) ? (element.option_groups as Json[]) : [];
  return [
    ...plain,
    ...groups.flatMap((g) => (Array.isArray(g.options) ? (g.options as Json[]) : [])),
  ];
}

function option(element: Json, value: string): Json {
  const found = optionsOf(element).find((o) => o.value === value);
  if (!found) throw new Error(`fake Slack: no option "${value}" in ${String(element.action_id)}`);
  return structuredClone(found);
}

function chosen(element: Json, given: InputValue | undefined): Json[] {
  if (given === undefined) return (element.initial_options as Json[] | undefined) ?? [];
  if (given === true) return optionsOf(element).slice(0, 1);
  if (given === false || given === null) return [];
  const values = Array.isArray(given) ? given : [String(given)];
  return values.map((value) => option(element, value));
}

function single(element: Json, given: InputValue | undefined): Json | null {
  if (given === undefined) return (element.initial_option as Json | undefined) ?? null;
  if (given === null) return null;
  return option(element, String(given));
}

function text(given: InputValue | undefined, initial: unknown): string | null {
  if (given === undefined) return typeof initial === 'string' ? initial : null;
  if (given === null) return null;
  return Array.isArray(given) ? given.join(',') : String(given);
}

const SINGLE = new Set(['static_select', 'radio_buttons', 'external_select', 'overflow']);
const MULTI = new Set(['multi_static_select', 'checkboxes', 'multi_external_select']);

/** One element's entry in state.values (without block and action ids). */
export function stateEntry(element: Json, given: InputValue | undefined): Json {
  const type = String(element.type);
  if (SINGLE.has(type)) return { type, selected_option: single(element, given) };
  if (MULTI.has(type)) return { type, selected_options: chosen(element, given) };
  if (type === 'datepicker') return { type, selected_date: text(given, element.initial_date) };
  if (type === 'timepicker') return { type, selected_time: text(given, element.initial_time) };
  if (type === 'users_select') return { type, selected_user: text(given, element.initial_user) };
  if (type === 'conversations_select') {
    return { type, selected_conversation: text(given, element.initial_conversation) };
  }
  return { type, value: text(given, element.initial_value) };
}

/** state.values for a view: every stateful element, with initial values where none is given. */
export function stateValues(
  view: StoredView,
  inputs: Record<string, InputValue> = {},
): Record<string, Record<string, Json>> {
  const values: Record<string, Record<string, Json>> = {};
  for (const block of view.blocks) {
    if (block.type !== 'input' && block.type !== 'actions') continue;
    for (const element of elementsOf(block)) {
      if (element.type === 'button' || element.type === 'overflow') continue;
      const actionId = String(element.action_id);
      const blockValues = values[String(block.block_id)] ?? {};
      blockValues[actionId] = stateEntry(element, inputs[actionId]);
      values[String(block.block_id)] = blockValues;
    }
  }
  const unknown = Object.keys(inputs).filter((id) => !findElement(view.blocks, id));
  if (unknown.length > 0) throw new Error(`fake Slack: no input ${unknown.join(', ')} in the view`);
  return values;
}

/** The `actions[0]` entry of a block_actions payload for one element. */
export function actionJson(found: FoundElement, given: InputValue | undefined): Json {
  const { element, blockId } = found;
  const base = { action_id: element.action_id, block_id: blockId, type: element.type };
  const action_ts = `${(Date.now() / 1000).toFixed(6)}`;
  if (element.type === 'button') {
    const button: Json = { ...base, text: element.text, action_ts };
    if (element.value !== undefined || given !== undefined) button.value = given ?? element.value;
    if (element.style !== undefined) button.style = element.style;
    return button;
  }
  const { type: _type, ...entry } = stateEntry(element, given);
  return { ...base, ...entry, action_ts };
}
