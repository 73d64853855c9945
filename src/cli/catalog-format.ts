/** Text for `jobdeck catalog list` and `catalog show`: what an operator reads in a terminal. */
import type { Catalog } from '../catalog/catalog.js';
import { labelOf } from '../catalog/param-rules.js';
import type { CatalogItem, Parameter } from '../catalog/schema.js';

function rangeText(low: number | undefined, high: number | undefined, unit = ''): string {
  if (low !== undefined && high !== undefined) return `${low}-${high}${unit}`;
  if (low !== undefined) return `at least ${low}${unit}`;
  return high !== undefined ? `at most ${high}${unit}` : '';
}

function parameterFacts(param: Parameter): string {
  const v = param.validation ?? {};
  const facts: string[] = [param.type, param.required ? 'required' : 'optional'];
  if (param.default !== undefined) facts.push(`default ${JSON.stringify(param.default)}`);
  if (param.options) facts.push(`one of ${param.options.map((o) => o.value).join(' | ')}`);
  const numbers = rangeText(v.min, v.max);
  if (numbers) facts.push(v.integer ? `whole number ${numbers}` : numbers);
  const lengths = rangeText(
    v.minLength,
    v.maxLength,
    param.type === 'multiselect' ? ' choices' : ' characters',
  );
  if (lengths) facts.push(lengths);
  if (v.pattern) facts.push(`matching ${v.pattern}`);
  return facts.join(', ');
}

function parameterLines(item: CatalogItem): string[] {
  if (item.parameters.length === 0) return ['parameters   none'];
  const width = Math.max(...item.parameters.map((p) => p.name.length));
  const lines = ['parameters'];
  for (const param of item.parameters) {
    lines.push(`  ${param.name.padEnd(width)}  ${labelOf(param)}: ${parameterFacts(param)}`);
    if (param.description) lines.push(`  ${''.padEnd(width)}  ${param.description}`);
    if (param.warning) lines.push(`  ${''.padEnd(width)}  warning: ${param.warning}`);
  }
  return lines;
}

function notificationLines(item: CatalogItem): string[] {
  const lines: string[] = [];
  const add = (label: string, value: string | undefined) => {
    if (value !== undefined) lines.push(`  ${label.padEnd(14)} ${value}`);
  };
  add('success title', item.success_title_template);
  add('success body', item.success_body_template);
  add('failure title', item.failure_title_template);
  add('failure body', item.failure_body_template);
  add('success tags', item.ntfy_success_tags?.join(', '));
  add('failure tags', item.ntfy_failure_tags?.join(', '));
  return lines.length > 0 ? ['notifications', ...lines] : [];
}

/** Every fact about one item, one per line. */
export function describeItem(catalog: Catalog, item: CatalogItem): string[] {
  const category = catalog.category(item.category);
  const origin = catalog.origin(item.name);
  const row = (label: string, value: string) => `${label.padEnd(12)} ${value}`;
  const lines = [`${item.emoji ?? '•'} ${item.name}: ${item.display_name}`];
  if (item.description) lines.push(`  ${item.description}`, '');
  lines.push(row('category', `${item.category} (${category?.display_name ?? '?'})`));
  lines.push(row('difficulty', item.difficulty + (item.confirm ? ', asks before running' : '')));
  lines.push(row('needs', item.required_capabilities.join(', ') || 'nothing special'));
  if (item.os_filter) lines.push(row('runs on', item.os_filter.distro.join(', ')));
  lines.push(row('timeout', `${item.default_timeout}s, ${item.default_retry_count} retries`));
  if (!item.enabled) lines.push(row('enabled', 'no'));
  lines.push(row('command', item.command));
  lines.push(...parameterLines(item), ...notificationLines(item));
  if (item.tags.length > 0) lines.push(row('tags', item.tags.join(', ')));
  if (origin) lines.push(row('from', origin.file));
  return lines;
}

/** Items grouped under their category, one line each. */
export function listItems(catalog: Catalog, items: CatalogItem[]): string[] {
  const width = Math.max(...items.map((item) => item.name.length));
  const lines: string[] = [];
  for (const category of catalog.categories()) {
    const inCategory = items.filter((item) => item.category === category.name);
    if (inCategory.length === 0) continue;
    if (lines.length > 0) lines.push('');
    const emoji = category.emoji ? `${category.emoji} ` : '';
    lines.push(`${emoji}${category.display_name} (${category.name}): ${category.description}`);
    for (const item of inCategory) {
      const level = item.difficulty.padEnd(12);
      lines.push(`  ${item.name.padEnd(width)}  ${level}  ${item.display_name}`);
    }
  }
  return lines;
}
