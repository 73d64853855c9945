/** The rules of one parameter: coerce a chat string to its type, then check it, in words. */
import type { ParamValue } from './params.js';
import { describePattern } from './pattern-words.js';
import { isUnpassable } from './quote.js';
import type { Parameter } from './schema.js';

export type Check = { ok: true; value: ParamValue } | { ok: false; error: string };
export type Rule = (input: unknown) => Check;

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const BOOLEANS: Record<string, boolean> = {
  true: true,
  yes: true,
  on: true,
  '1': true,
  false: false,
  no: false,
  off: false,
  '0': false,
};

/** What the user sees as the parameter's name: its label, else its name in words. */
export function labelOf(param: Parameter): string {
  if (param.label) return param.label;
  const words = param.name.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Nothing given: undefined, null, or an empty field. */
export function isAbsent(input: unknown): boolean {
  return input === undefined || input === null || (typeof input === 'string' && input === '');
}

function show(input: unknown): string {
  const text = JSON.stringify(input) ?? String(input);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

const ok = (value: ParamValue): Check => ({ ok: true, value });
const fail = (error: string): Check => ({ ok: false, error });

/** "between 1 and 5000", "at least 1" or "at most 5000". */
function range(low: number | undefined, high: number | undefined): string {
  if (low !== undefined && high !== undefined) return `between ${low} and ${high}`;
  return low !== undefined ? `at least ${low}` : `at most ${high}`;
}

function outside(value: number, low: number | undefined, high: number | undefined): boolean {
  return (low !== undefined && value < low) || (high !== undefined && value > high);
}

function numberRule(param: Parameter, label: string): Rule {
  const { min, max, integer } = param.validation ?? {};
  return (input) => {
    const text = typeof input === 'string' ? input.trim() : undefined;
    const value =
      typeof input === 'number' ? input : text && NUMBER.test(text) ? Number(text) : NaN;
    if (!Number.isFinite(value)) return fail(`${label} must be a number, got ${show(input)}`);
    if (integer && !Number.isInteger(value)) return fail(`${label} must be a whole number`);
    if (outside(value, min, max)) return fail(`${label} must be ${range(min, max)}`);
    return ok(value);
  };
}

function booleanRule(label: string): Rule {
  return (input) => {
    if (typeof input === 'boolean') return ok(input);
    const answer = BOOLEANS[String(input).trim().toLowerCase()];
    return answer === undefined
      ? fail(`${label} must be yes or no, got ${show(input)}`)
      : ok(answer);
  };
}

function choices(param: Parameter): string {
  const options = param.options ?? [];
  return options.map((o) => (o.label === o.value ? o.value : `${o.value} (${o.label})`)).join(', ');
}

function selectRule(param: Parameter, label: string): Rule {
  const values = new Set((param.options ?? []).map((o) => o.value));
  return (input) => {
    if (typeof input !== 'string' && typeof input !== 'number') {
      return fail(`${label} takes one of: ${choices(param)}`);
    }
    const value = String(input).trim();
    return values.has(value) ? ok(value) : fail(`${label} must be one of: ${choices(param)}`);
  };
}

function multiselectRule(param: Parameter, label: string): Rule {
  const values = new Set((param.options ?? []).map((o) => o.value));
  const { minLength, maxLength } = param.validation ?? {};
  return (input) => {
    const list = Array.isArray(input) ? input : String(input).split(',');
    const picked = [...new Set(list.map((v) => String(v).trim()).filter((v) => v !== ''))];
    const wrong = picked.filter((v) => !values.has(v));
    if (wrong.length > 0) {
      return fail(`${label}: ${wrong.map(show).join(', ')} not among: ${choices(param)}`);
    }
    if (outside(picked.length, minLength, maxLength)) {
      return fail(`${label} needs ${range(minLength, maxLength)} choices`);
    }
    return ok(picked);
  };
}

function textRule(param: Parameter, label: string): Rule {
  const { minLength, maxLength, pattern, message } = param.validation ?? {};
  const regex = pattern === undefined ? undefined : new RegExp(`^(?:${pattern})$`);
  const mismatch =
    message ?? describePattern(pattern ?? '') ?? `does not match the expected format: ${pattern}`;
  return (input) => {
    if (typeof input !== 'string' && typeof input !== 'number' && typeof input !== 'boolean') {
      return fail(`${label} takes a single value`);
    }
    const value = String(input);
    if (isUnpassable(value)) {
      return fail(`${label} contains a NUL byte or invalid UTF-8, which no command can receive`);
    }
    if (outside([...value].length, minLength, maxLength)) {
      return fail(`${label} must be ${range(minLength, maxLength)} characters long`);
    }
    if (regex && !regex.test(value)) return fail(`${label} ${mismatch}`);
    return ok(value);
  };
}

/** The coercing checker of one parameter's given value (absence is handled by the caller). */
export function ruleFor(param: Parameter): Rule {
  const label = labelOf(param);
  switch (param.type) {
    case 'number':
      return numberRule(param, label);
    case 'boolean':
      return booleanRule(label);
    case 'select':
      return selectRule(param, label);
    case 'multiselect':
      return multiselectRule(param, label);
    default:
      return textRule(param, label);
  }
}
