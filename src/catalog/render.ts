/** Renders an item's command: each value reaches the shell as literal text; secrets masked. */
import Handlebars from 'handlebars';
import { JobdeckError } from '../errors.js';
import { prepareCommand, QUOTE_HELPER } from './command-template.js';
import { labelOf } from './param-rules.js';
import type { ParamValue, ParamValues } from './params.js';
import { assertPassable, type QuoteContext, quoteFor } from './quote.js';
import type { CatalogItem, Parameter } from './schema.js';

export { shellQuote } from './quote.js';

export const MASK = '********';

/** Stands in for a secret when rendering what people see. */
class Masked {
  toString(): string {
    return MASK;
  }
}
const MASKED = new Masked();

function word(value: unknown, context: QuoteContext, name: string): string {
  if (value instanceof Masked) return MASK;
  if (value instanceof String) return quoteFor(value.valueOf(), context);
  if (typeof value === 'string') return quoteFor(value, context);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && Number.isFinite(value)) return quoteFor(String(value), context);
  if (Array.isArray(value)) return value.map((v) => word(v, context, name)).join(' ');
  const problem = value === undefined ? 'is not one of its parameters' : 'has no usable value';
  throw new JobdeckError('template_invalid', `the command uses {{${name}}}, which ${problem}`);
}

const handlebars = Handlebars.create();
handlebars.registerHelper(QUOTE_HELPER, (value: unknown, context: QuoteContext, name: string) =>
  word(value, context, name),
);

const compiled = new WeakMap<CatalogItem, Handlebars.TemplateDelegate>();

function templateOf(item: CatalogItem): Handlebars.TemplateDelegate {
  const cached = compiled.get(item);
  if (cached) return cached;
  const prepared = prepareCommand(item.command);
  if (!prepared.ok) {
    const details = prepared.errors;
    throw new JobdeckError('template_invalid', `${item.name}: command: ${details.join('; ')}`, {
      details,
    });
  }
  const template = handlebars.compile(prepared.program, {
    strict: true,
    noEscape: true,
    knownHelpers: { [QUOTE_HELPER]: true },
    knownHelpersOnly: true,
  });
  compiled.set(item, template);
  return template;
}

function emptyValue(param: Parameter): ParamValue {
  if (param.type === 'multiselect') return [];
  if (param.type === 'boolean') return false;
  return '';
}

function refuseUnpassable(param: Parameter, value: ParamValue): void {
  for (const text of Array.isArray(value) ? value : [value]) {
    if (typeof text === 'string') assertPassable(text, labelOf(param));
  }
}

/** The template's data: every declared parameter, and nothing else. */
function contextOf(item: CatalogItem, values: ParamValues, mask: boolean): Record<string, unknown> {
  const context: Record<string, unknown> = Object.create(null);
  for (const param of item.parameters) {
    const value = Object.hasOwn(values, param.name) ? values[param.name] : undefined;
    if (value !== undefined) refuseUnpassable(param, value);
    const secret = mask && param.type === 'secret' && value !== undefined && value !== '';
    context[param.name] = secret ? MASKED : (value ?? emptyValue(param));
  }
  return context;
}

/** The command to run, and the same with secrets as ******** for showing and storing. */
export function renderCommand(
  item: CatalogItem,
  values: ParamValues,
): { command: string; display: string } {
  const template = templateOf(item);
  const command = template(contextOf(item, values, false)).trim();
  const hasSecret = item.parameters.some((p) => p.type === 'secret');
  const display = hasSecret ? template(contextOf(item, values, true)).trim() : command;
  return { command, display };
}

/** The values with every secret replaced by ********, for chat, logs and the database. */
export function maskParameters(item: CatalogItem, values: ParamValues): ParamValues {
  const masked: ParamValues = { ...values };
  for (const param of item.parameters) {
    if (param.type === 'secret' && Object.hasOwn(masked, param.name)) masked[param.name] = MASK;
  }
  return masked;
}
