/** Component clicks and modal submissions, built from what the app really showed the user. */
import { flatten, objects, text } from './limits-message.js';
import type { JsonObject, StoredMessage } from './types.js';

const SELECTS = new Set([3, 5, 6, 7, 8]);

/** `data` and `message` for pressing a button or choosing in a select on a stored message. */
export function componentPartial(
  message: StoredMessage,
  customId: string,
  values?: string[],
): JsonObject & { type: number } {
  const component = flatten(objects(message.data.components)).find((c) => c.custom_id === customId);
  if (!component) throw new Error(`message ${message.id} has no component "${customId}"`);
  if (component.disabled === true) throw new Error(`component "${customId}" is disabled`);
  const isSelect = SELECTS.has(Number(component.type));
  if (isSelect !== (values !== undefined)) {
    throw new Error(`"${customId}" is a ${isSelect ? 'select: give values' : 'button: no values'}`);
  }
  if (values) checkChosen(component, values, customId);
  const data: JsonObject = { custom_id: customId, component_type: Number(component.type) };
  if (typeof component.id === 'number') data.id = component.id;
  if (values) data.values = values;
  return { type: 3, data, message: message.data };
}

/** What the user may choose in a select: known options, within min and max. */
function checkChosen(select: JsonObject, values: string[], customId: string): void {
  const min = typeof select.min_values === 'number' ? select.min_values : 1;
  const max = typeof select.max_values === 'number' ? select.max_values : 1;
  if (values.length < min || values.length > max) {
    throw new Error(`"${customId}" takes ${min}-${max} values, not ${values.length}`);
  }
  if (select.type !== 3) return;
  const known = objects(select.options).map((o) => o.value);
  const unknown = values.filter((v) => !known.includes(v));
  if (unknown.length > 0) throw new Error(`"${customId}" has no option ${unknown.join(', ')}`);
}

export type ModalValues = Record<string, string | string[]>;

/**
 * `data` for submitting `modal` with `values` (by custom_id), shaped as Discord sends it:
 * action rows stay rows, Labels (type 18) carry `component`, text displays keep only their id.
 */
export function modalSubmitData(modal: JsonObject, values: ModalValues): JsonObject {
  let nextId = 0;
  const idOf = (c: JsonObject): number => {
    nextId += 1;
    return typeof c.id === 'number' ? c.id : nextId;
  };
  const used = new Set<string>();
  const field = (c: JsonObject): JsonObject => {
    used.add(text(c.custom_id));
    return submitted(c, idOf(c), values[text(c.custom_id)]);
  };
  const components = objects(modal.components).map((c): JsonObject => {
    const id = idOf(c);
    if (c.type === 1) return { type: 1, id, components: objects(c.components).map(field) };
    if (c.type === 18) return { type: 18, id, component: field(c.component as JsonObject) };
    return { type: c.type ?? 0, id };
  });
  const extra = Object.keys(values).filter((key) => !used.has(key));
  if (extra.length > 0) throw new Error(`the modal has no field ${extra.join(', ')}`);
  return { custom_id: text(modal.custom_id), components };
}

function submitted(c: JsonObject, id: number, given: string | string[] | undefined): JsonObject {
  const customId = text(c.custom_id);
  const base: JsonObject = { type: Number(c.type), id, custom_id: customId };
  if (c.type !== 4) {
    const chosen = given === undefined ? [] : ([] as string[]).concat(given);
    if (chosen.length > 0 || c.required !== false) checkChosen(c, chosen, customId);
    return { ...base, values: chosen };
  }
  if (Array.isArray(given)) throw new Error(`"${customId}" is a text input: give a string`);
  const value = given ?? text(c.value);
  checkTyped(c, value, customId);
  return { ...base, value };
}

/** The client refuses to submit a text input outside its required, min and max lengths. */
function checkTyped(input: JsonObject, value: string, customId: string): void {
  const required = input.required !== false;
  const min = typeof input.min_length === 'number' ? input.min_length : 0;
  const max = typeof input.max_length === 'number' ? input.max_length : 4000;
  if (required && value.length === 0) {
    throw new Error(`"${customId}" is required; Discord would not let the user submit it empty`);
  }
  if (value.length > 0 && (value.length < min || value.length > max)) {
    throw new Error(`"${customId}" takes ${min}-${max} characters, not ${value.length}`);
  }
}
