/** Console forms: one prompt per field, defaults in brackets, empty input keeps the default. */
import type { FormField } from '../../conversation/screen.js';

const MANY = 'one or more of, comma-separated';

function values(options: { value: string }[]): string {
  return options.map((o) => o.value).join(', ');
}

export function promptFor(field: FormField): string {
  const shown = Array.isArray(field.value) ? field.value.join(',') : field.value;
  const kind =
    field.type === 'boolean'
      ? 'yes/no'
      : field.options
        ? `${field.type === 'multiselect' ? MANY : 'one of'}: ${values(field.options)}`
        : field.type;
  const error = field.error ? `✗ ${field.error}` : '';
  const notes = [error, field.warning ? `⚠️ ${field.warning}` : ''].filter(Boolean).join(' ');
  const required = field.required ? ' (required)' : '';
  const secret = field.type === 'secret' ? ' (hidden)' : '';
  const fallback = shown ? ` (default ${shown})` : '';
  return `${notes ? `${notes}\n` : ''}${field.label}${required}${secret} [${kind}]${fallback}: `;
}

/** The typed answer as the form value: defaults kept, lists split, yes/no read. */
export function answerOf(field: FormField, typed: string): string | string[] {
  const text = typed.trim();
  const fallback = field.value ?? '';
  if (field.type === 'multiselect') {
    if (!text) return Array.isArray(fallback) ? fallback : fallback ? [fallback] : [];
    return text
      .split(',')
      .map((v) => v.trim())
      .filter(Boolean);
  }
  if (!text) return Array.isArray(fallback) ? fallback.join(',') : fallback;
  if (field.type === 'boolean')
    return /^(y|yes|true|1|on)$/i.test(text)
      ? 'true'
      : /^(n|no|false|0|off)$/i.test(text)
        ? 'false'
        : text;
  return typed;
}
