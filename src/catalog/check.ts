/** Checks one item beyond its shape: sensible parameters, templates naming known values. */
import { prepareCommand } from './command-template.js';
import { checkParameter } from './params.js';
import type { CatalogItem, Parameter } from './schema.js';
import { didYouMean } from './suggest.js';
import { COMMAND_HELPERS, NOTIFICATION_HELPERS, scanTemplate } from './template.js';
import { NOTIFICATION_VARIABLES, reservedReason } from './variables.js';

export interface FieldProblem {
  field: string;
  message: string;
}

const NOTIFICATION_TEMPLATES = [
  'success_title_template',
  'success_body_template',
  'failure_title_template',
  'failure_body_template',
] as const;

const CHOICE_TYPES = new Set(['select', 'multiselect']);
const TEXT_TYPES = new Set(['string', 'secret']);

function validationProblems(param: Parameter): string[] {
  const v = param.validation;
  if (!v) return [];
  const problems: string[] = [];
  const numeric = v.min !== undefined || v.max !== undefined || v.integer !== undefined;
  if (numeric && param.type !== 'number')
    problems.push('min, max and integer apply to numbers only');
  const textual = v.pattern !== undefined || v.message !== undefined;
  if (textual && !TEXT_TYPES.has(param.type)) problems.push('pattern applies to strings only');
  const lengths = v.minLength !== undefined || v.maxLength !== undefined;
  if (lengths && !TEXT_TYPES.has(param.type) && param.type !== 'multiselect') {
    problems.push('minLength and maxLength apply to strings and multiselects only');
  }
  if (v.min !== undefined && v.max !== undefined && v.min > v.max)
    problems.push('min is above max');
  if ((v.minLength ?? 0) > (v.maxLength ?? Number.POSITIVE_INFINITY)) {
    problems.push('minLength is above maxLength');
  }
  if (v.pattern !== undefined) {
    try {
      new RegExp(v.pattern);
    } catch (error) {
      problems.push(`pattern is not a valid regular expression: ${(error as Error).message}`);
    }
  }
  return problems;
}

function parameterProblems(param: Parameter, at: string): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const add = (field: string, message: string) =>
    problems.push({ field: `${at}${field}`, message });
  const reserved = reservedReason(param.name);
  if (reserved) add('.name', reserved);
  const options = param.options ?? [];
  if (CHOICE_TYPES.has(param.type) && options.length === 0)
    add('.options', `a ${param.type} needs options`);
  if (!CHOICE_TYPES.has(param.type) && param.options)
    add('.options', 'only select and multiselect take options');
  const values = options.map((o) => o.value);
  const repeated = values.filter((value, i) => values.indexOf(value) !== i);
  if (repeated.length > 0) add('.options', `repeated option ${repeated.join(', ')}`);
  const rules = validationProblems(param);
  for (const message of rules) add('.validation', message);
  if (param.default !== undefined && rules.length === 0 && problems.length === 0) {
    const checked = checkParameter(param, param.default);
    if (checked?.ok === false)
      add('.default', `${JSON.stringify(param.default)} is not valid: ${checked.error}`);
  }
  return problems;
}

function unknownVariables(used: string[], allowed: string[], where: string): string[] {
  return used
    .filter((name) => !allowed.includes(name))
    .map((name) => `unknown variable ${name}${didYouMean(name, allowed)} (${where})`);
}

function templateProblems(item: CatalogItem): FieldProblem[] {
  const params = item.parameters.map((p) => p.name);
  const problems: FieldProblem[] = [];
  const command = scanTemplate(item.command, COMMAND_HELPERS);
  const messages = [
    ...command.errors,
    ...unknownVariables(command.variables, params, 'a command can use only its parameters'),
  ];
  if (command.errors.length === 0) {
    const prepared = prepareCommand(item.command);
    if (!prepared.ok) messages.push(...prepared.errors);
  }
  for (const message of messages) problems.push({ field: 'command', message });
  const allowed = [...params, ...NOTIFICATION_VARIABLES];
  for (const field of NOTIFICATION_TEMPLATES) {
    const source = item[field];
    if (source === undefined) continue;
    const scan = scanTemplate(source, NOTIFICATION_HELPERS);
    const where = 'not a parameter or notification variable';
    for (const message of [...scan.errors, ...unknownVariables(scan.variables, allowed, where)]) {
      problems.push({ field, message });
    }
  }
  return problems;
}

/** Every problem in an item that zod has already shaped. */
export function checkItem(item: CatalogItem): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<string>();
  item.parameters.forEach((param, i) => {
    if (seen.has(param.name))
      problems.push({
        field: `parameters[${i}].name`,
        message: `repeated parameter ${param.name}`,
      });
    seen.add(param.name);
    problems.push(...parameterProblems(param, `parameters[${i}]`));
  });
  return [...problems, ...templateProblems(item)];
}
