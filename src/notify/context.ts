/** The values a notification template can name, built from a finished run. */

import type { CatalogItem } from '../catalog/schema.js';
import { runOutput } from '../runner/output.js';
import { json } from '../store/db.js';
import type { Run } from '../store/tables.js';
import { interruptedNotice, statusLook } from './status.js';
import { durationHuman, errorSummary, firstLines, formatTime, lastLines } from './text.js';

export type ContextValue = string | number | null;
export type NotificationContext = Readonly<Record<string, ContextValue>>;

export interface ContextInput {
  run: Run;
  item: CatalogItem;
  server: { name: string; hostname: string };
  scheduleName: string | null;
  /** IANA zone the times are written in. */
  timezone: string;
  runUrl: string;
  /** N in output_snippet (first N lines) and output_tail (last N lines). */
  outputLines?: number;
}

export const DEFAULT_OUTPUT_LINES = 20;

/** The chat thread's permalink, else the HTTP run page, else empty. */
export function resolveRunUrl(run: Run, runPageUrl?: (runId: number) => string): string {
  const thread = json.decode<unknown>(run.thread, null);
  if (thread && typeof thread === 'object' && 'permalink' in thread) {
    const permalink = (thread as { permalink?: unknown }).permalink;
    if (typeof permalink === 'string' && permalink !== '') return permalink;
  }
  return runPageUrl ? runPageUrl(run.id) : '';
}

function durationMs(run: Run): number | null {
  if (run.duration_ms !== null) return run.duration_ms;
  if (run.started_at !== null && run.finished_at !== null) return run.finished_at - run.started_at;
  return null;
}

/** Parameter values as templates show them: lists joined; secrets are already masked. */
export function parameterValues(run: Run): Record<string, ContextValue> {
  const raw = json.decode<Record<string, unknown>>(run.parameters, {});
  const values: Record<string, ContextValue> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) values[name] = value.map(String).join(', ');
    else if (typeof value === 'number' || typeof value === 'string') values[name] = value;
    else if (value === null || value === undefined) values[name] = '';
    else values[name] = String(value);
  }
  return values;
}

function errorFields(run: Run, output: string): { error: string; error_summary: string } {
  const interrupted = run.status === 'interrupted';
  const notice = interruptedNotice(run.started_at !== null);
  const error = run.error ?? (interrupted ? notice : '');
  const found = errorSummary([run.error ?? '', output], interrupted ? 4 : 5);
  if (interrupted) return { error, error_summary: [notice, found].join('\n').trim() };
  if (found !== '' || run.status === 'success') return { error, error_summary: found };
  return { error, error_summary: firstLines(error, 1) };
}

/** Every variable of NOTIFICATION_VARIABLES plus the run's parameters. */
export function buildContext(input: ContextInput): NotificationContext {
  const { run, item, server, timezone } = input;
  const lines = input.outputLines ?? DEFAULT_OUTPUT_LINES;
  const output = runOutput(run);
  const ms = durationMs(run);
  const succeeded = run.status === 'success';
  return Object.freeze({
    ...parameterValues(run),
    job_name: item.name,
    job_display_name: item.display_name,
    job_type: item.category,
    server_name: server.name,
    server_hostname: server.hostname,
    status: run.status,
    status_emoji: statusLook(run.status).emoji,
    exit_code: run.exit_code,
    duration_seconds: ms === null ? null : Math.round(ms / 1000),
    duration_human: ms === null ? 'unknown' : durationHuman(ms),
    output,
    output_snippet: firstLines(output, lines),
    output_tail: lastLines(output, lines),
    ...errorFields(run, output),
    server_count: 1,
    success_count: succeeded ? 1 : 0,
    failure_count: succeeded ? 0 : 1,
    triggered_by: run.trigger,
    schedule_name: input.scheduleName ?? '',
    run_id: run.id,
    run_url: input.runUrl,
    started_at: formatTime(run.started_at, timezone),
    finished_at: formatTime(run.finished_at, timezone),
    actor: run.actor,
  });
}
