/** Validates values for an item's parameters: coerced, defaulted, every error per field. */
import { type Check, isAbsent, labelOf, type Rule, ruleFor } from './param-rules.js';
import type { CatalogItem, Parameter } from './schema.js';

export type ParamValue = string | number | boolean | string[];
export type ParamValues = Record<string, ParamValue>;

export type ParameterResult =
  | { ok: true; values: ParamValues }
  | { ok: false; errors: Record<string, string>; raw: Record<string, unknown> };

type Validator = (raw: Record<string, unknown>) => ParameterResult;

const validators = new WeakMap<CatalogItem, Validator>();

/** The value a parameter takes when nothing was given, or an error when it needs one. */
function absentValue(param: Parameter, rule: Rule): Check | undefined {
  if (param.default !== undefined) return rule(param.default);
  if (param.type === 'boolean') return { ok: true, value: false };
  if (param.required) return { ok: false, error: `${labelOf(param)} is required` };
  if (param.type === 'multiselect') return { ok: true, value: [] };
  return undefined;
}

/** The value a parameter gets from its input, or undefined for an optional one left out. */
export function checkParameter(param: Parameter, input: unknown, rule = ruleFor(param)) {
  if (isAbsent(input)) return absentValue(param, rule);
  const checked = rule(input);
  const empty = checked.ok && Array.isArray(checked.value) && checked.value.length === 0;
  return empty ? absentValue(param, rule) : checked;
}

function unknownParameter(name: string, names: string[]): string {
  const takes = names.length > 0 ? `this job takes: ${names.join(', ')}` : 'this job takes none';
  return `unknown parameter ${name}; ${takes}`;
}

function buildValidator(item: CatalogItem): Validator {
  const fields = item.parameters.map((param) => ({ param, rule: ruleFor(param) }));
  const names = item.parameters.map((param) => param.name);
  return function validateItemParameters(raw) {
    const errors: Record<string, string> = {};
    const values: ParamValues = {};
    for (const key of Object.keys(raw)) {
      if (!names.includes(key)) errors[key] = unknownParameter(key, names);
    }
    for (const { param, rule } of fields) {
      const given = Object.hasOwn(raw, param.name) ? raw[param.name] : undefined;
      const checked = checkParameter(param, given, rule);
      if (checked?.ok === false) errors[param.name] = checked.error;
      else if (checked) values[param.name] = checked.value;
    }
    return Object.keys(errors).length > 0 ? { ok: false, errors, raw } : { ok: true, values };
  };
}

/** Checks chat or form input against the item's parameter schema; the validator is built once. */
export function validateParameters(
  item: CatalogItem,
  raw: Record<string, unknown>,
): ParameterResult {
  let validator = validators.get(item);
  if (!validator) {
    validator = buildValidator(item);
    validators.set(item, validator);
  }
  return validator(raw);
}
