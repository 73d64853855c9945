/** A parameter schema as form fields: defaults or what was typed, warnings, errors per field. */
import { labelOf } from '../../catalog/param-rules.js';
import type { CatalogItem, Parameter } from '../../catalog/schema.js';

import type { FormField } from '../screen.js';

function shown(value: unknown): string | string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return value.map(String);
  return String(value);
}

export function parameterField(
  parameter: Parameter,
  typed: Record<string, unknown>,
  errors: Record<string, string>,
): FormField {
  const secret = parameter.type === 'secret';
  const value = secret
    ? undefined
    : shown(parameter.name in typed ? typed[parameter.name] : parameter.default);
  const v = parameter.validation;
  return {
    name: parameter.name,
    label: labelOf(parameter),
    type: parameter.type,
    required: parameter.required,
    description: parameter.description,
    placeholder: parameter.placeholder,
    warning: parameter.warning,
    value,
    options: parameter.options?.map((o) => ({ value: o.value, label: o.label })),
    error: errors[parameter.name],
    min: v?.min,
    max: v?.max,
    maxLength: v?.maxLength,
  };
}

export function parameterFields(
  item: CatalogItem,
  typed: Record<string, unknown>,
  errors: Record<string, string> = {},
  only?: (parameter: Parameter) => boolean,
): FormField[] {
  return item.parameters.filter(only ?? (() => true)).map((p) => parameterField(p, typed, errors));
}

export function secretNames(item: CatalogItem): string[] {
  return item.parameters.filter((p) => p.type === 'secret').map((p) => p.name);
}
