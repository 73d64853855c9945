/** Notification templates: Handlebars without HTML escaping, checked against known variables. */
import Handlebars from 'handlebars';
import type { CatalogItem } from '../catalog/schema.js';
import { didYouMean } from '../catalog/suggest.js';
import { NOTIFICATION_HELPERS, scanTemplate } from '../catalog/template.js';
import { NOTIFICATION_VARIABLES } from '../catalog/variables.js';
import type { NotificationContext } from './context.js';

export type TemplateCheck = { ok: true } | { ok: false; error: string };

const hbs = Handlebars.create();
const compiled = new Map<string, Handlebars.TemplateDelegate>();
const CACHE_LIMIT = 500;

export const DEFAULT_TEMPLATES = Object.freeze({
  success_title: '{{job_display_name}} completed on {{server_name}}',
  success_body: [
    '{{status_emoji}} Finished in {{duration_human}}.',
    'Started by {{actor}} ({{triggered_by}}{{#if schedule_name}}: {{schedule_name}}{{/if}}).',
  ].join('\n'),
  failure_title: '{{job_display_name}} FAILED on {{server_name}}',
  failure_body: [
    '{{status_emoji}} Status: {{status}}. Exit code: {{#if exit_code includeZero=true}}' +
      '{{exit_code}}{{else}}none{{/if}}. Duration: {{duration_human}}.',
    '{{#if error_summary}}{{error_summary}}{{/if}}',
  ].join('\n'),
});

/** The variables templates of `item` may name: the notification variables and its parameters. */
export function allowedVariables(item: Pick<CatalogItem, 'parameters'>): Set<string> {
  return new Set([...NOTIFICATION_VARIABLES, ...item.parameters.map((p) => p.name)]);
}

/** Refuses a template that does not parse, uses an unavailable helper or an unknown name. */
export function validateTemplate(
  text: string,
  allowed: ReadonlySet<string> | readonly string[],
): TemplateCheck {
  const known = new Set(allowed);
  const scan = scanTemplate(text, NOTIFICATION_HELPERS);
  const unknown = scan.variables
    .filter((name) => !known.has(name))
    .map((name) => `unknown variable {{${name}}}${didYouMean(name, known)}`);
  const problems = [...scan.errors, ...unknown];
  return problems.length === 0 ? { ok: true } : { ok: false, error: problems.join('; ') };
}

/** Renders a template strictly: a name missing from the context throws. */
export function renderTemplate(text: string, context: NotificationContext): string {
  let template = compiled.get(text);
  if (!template) {
    if (compiled.size >= CACHE_LIMIT) compiled.clear();
    template = hbs.compile(text, { noEscape: true, strict: true });
    compiled.set(text, template);
  }
  return template(context);
}
