/** A run as a plain HTML page: every value escaped, secrets already masked. */
import { durationHuman, formatTime } from '../notify/text.js';
import type { Run } from '../store/tables.js';

const STYLE = [
  'body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}',
  'table{border-collapse:collapse}',
  'th,td{text-align:left;padding:.2rem .8rem .2rem 0;vertical-align:top}',
  'th{color:#666;font-weight:normal}',
  'pre{background:#f4f4f4;padding:1rem;overflow:auto;white-space:pre-wrap}',
  '.success{color:#1a7f37}.failure,.timeout,.interrupted{color:#cf222e}',
].join('');

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface RunPage {
  run: Run;
  title: string;
  parameters: Record<string, unknown>;
  output: string;
  /** Told under the output when it is not all of it. */
  outputNote: string | null;
  timezone: string;
}

function row(label: string, value: string | number | null): string {
  const shown = value === null || value === '' ? '–' : String(value);
  return `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(shown)}</td></tr>`;
}

function valueText(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(', ') : String(value);
}

function page(title: string, body: string, refresh = false): string {
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="robots" content="noindex">',
    refresh ? '<meta http-equiv="refresh" content="5">' : '',
    `<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>`,
    body,
    '</body></html>',
  ].join('');
}

export function runHtml(view: RunPage): string {
  const { run, timezone } = view;
  const running = run.status === 'queued' || run.status === 'running';
  const params = Object.entries(view.parameters).map(([k, v]) => row(k, valueText(v)));
  const sections = [
    `<h1>${escapeHtml(view.title)}</h1>`,
    `<p class="${escapeHtml(run.status)}"><strong>${escapeHtml(run.status)}</strong></p>`,
    '<table>',
    row('Run', `#${run.id}`),
    row('Server', run.server_name),
    row('Started by', `${run.actor} (${run.trigger})`),
    row('Queued', formatTime(run.queued_at, timezone)),
    row('Started', formatTime(run.started_at, timezone)),
    row('Finished', formatTime(run.finished_at, timezone)),
    row('Duration', run.duration_ms === null ? null : durationHuman(run.duration_ms)),
    row('Exit code', run.exit_code),
    row('Error', run.error),
    row('Command', run.command),
    '</table>',
    params.length > 0 ? `<h2>Parameters</h2><table>${params.join('')}</table>` : '',
    '<h2>Output</h2>',
    `<pre>${escapeHtml(view.output || '(no output)')}</pre>`,
    view.outputNote ? `<p>${escapeHtml(view.outputNote)}</p>` : '',
    running ? '<p>This page refreshes every 5 seconds while the run goes on.</p>' : '',
  ];
  return page(view.title, sections.join(''), running);
}

export function problemHtml(title: string, text: string): string {
  return page(title, `<h1>${escapeHtml(title)}</h1><p>${escapeHtml(text)}</p>`);
}
