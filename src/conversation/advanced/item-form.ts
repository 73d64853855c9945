/** The item editor's form: fields from an item, an item from what was typed, errors per field. */
import { parse as parseYaml, stringify } from 'yaml';
import type { CatalogItem, Category } from '../../catalog/schema.js';
import type { FieldProblem } from '../../catalog/user-check.js';
import type { FormField } from '../screen.js';

/** What the form submits, by field name, as typed. */
export type Typed = Record<string, string | string[]>;

export const ITEM_FIELDS = [
  'name',
  'display_name',
  'category',
  'command',
  'parameters',
  'required_capabilities',
  'timeout',
] as const;

type FieldName = (typeof ITEM_FIELDS)[number];

const text = (typed: Typed, name: string): string => {
  const value = typed[name];
  return (Array.isArray(value) ? value.join(',') : (value ?? '')).trim();
};

/** The form's values for an item being edited or copied (or nothing, for a new one). */
export function typedFrom(item: Partial<CatalogItem> | undefined): Typed {
  if (!item) return {};
  const parameters = item.parameters ?? [];
  return {
    name: item.name ?? '',
    display_name: item.display_name ?? '',
    category: item.category ?? '',
    command: item.command ?? '',
    parameters: parameters.length > 0 ? stringify(parameters, { lineWidth: 0 }).trim() : '',
    required_capabilities: (item.required_capabilities ?? []).join(', '),
    timeout: item.default_timeout === undefined ? '' : String(item.default_timeout),
  };
}

export function itemFields(
  typed: Typed,
  categories: readonly Category[],
  errors: Partial<Record<FieldName, string>> = {},
): FormField[] {
  const value = (name: FieldName) => (typed[name] === undefined ? undefined : text(typed, name));
  const field = (name: FieldName, parts: Omit<FormField, 'name' | 'value' | 'error'>) => ({
    name,
    value: value(name),
    error: errors[name],
    ...parts,
  });
  return [
    field('name', { label: 'Name', type: 'string', required: true, placeholder: 'my_job' }),
    field('display_name', { label: 'Display name', type: 'string', required: true }),
    field('category', {
      label: 'Category',
      type: 'select',
      required: true,
      options: categories.map((c) => ({ value: c.name, label: c.display_name })),
    }),
    field('command', {
      label: 'Command template',
      type: 'string',
      required: true,
      multiline: true,
      placeholder: 'df -h {{path}}',
    }),
    field('parameters', {
      label: 'Parameters (YAML list)',
      type: 'string',
      required: false,
      multiline: true,
      placeholder: '- { name: path, type: string, default: / }',
    }),
    field('required_capabilities', {
      label: 'Required capabilities',
      type: 'string',
      required: false,
      placeholder: 'docker, systemd',
    }),
    field('timeout', { label: 'Timeout (seconds)', type: 'number', required: false, min: 1 }),
  ];
}

export type ParsedItem =
  | { ok: true; raw: Record<string, unknown> }
  | { ok: false; field: FieldName; error: string };

/** The typed fields over the item's other fields; the catalog's rules check it afterwards. */
export function itemFromForm(typed: Typed, base: Partial<CatalogItem> = {}): ParsedItem {
  let parameters: unknown = [];
  const yaml = text(typed, 'parameters');
  if (yaml !== '') {
    try {
      parameters = parseYaml(yaml) ?? [];
    } catch (error) {
      const reason = (error as Error).message.split('\n')[0];
      return { ok: false, field: 'parameters', error: `not valid YAML: ${reason}` };
    }
  }
  const timeout = text(typed, 'timeout');
  const raw: Record<string, unknown> = {
    ...base,
    name: text(typed, 'name'),
    display_name: text(typed, 'display_name'),
    category: text(typed, 'category'),
    command: text(typed, 'command'),
    parameters,
    required_capabilities: text(typed, 'required_capabilities')
      .split(/[\s,]+/)
      .filter((word) => word !== ''),
  };
  if (timeout !== '') raw.default_timeout = /^\d+$/.test(timeout) ? Number(timeout) : timeout;
  else delete raw.default_timeout;
  return { ok: true, raw };
}

const FIELD_OF: Record<string, FieldName> = {
  name: 'name',
  display_name: 'display_name',
  category: 'category',
  command: 'command',
  parameters: 'parameters',
  required_capabilities: 'required_capabilities',
  default_timeout: 'timeout',
};

/** Problems as errors on the form's fields; those of fields the form lacks, listed apart. */
export function fieldErrors(problems: readonly FieldProblem[]) {
  const errors: Partial<Record<FieldName, string>> = {};
  const other: string[] = [];
  for (const { field, message } of problems) {
    const top = /^[a-z_]+/.exec(field)?.[0] ?? '';
    const name = FIELD_OF[top];
    if (!name) {
      other.push(`${field}: ${message}`);
      continue;
    }
    const detail = field === top ? message : `${field}: ${message}`;
    errors[name] = errors[name] ? `${errors[name]}; ${detail}` : detail;
  }
  return { errors, other };
}
