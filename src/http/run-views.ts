/** Runs as the API shows them: the record, its output excerpt, and its page link. */
import { z } from 'zod';
import type { AttemptRecord } from '../runner/attempt.js';
import { runOutput } from '../runner/output.js';
import { json } from '../store/db.js';
import type { Run } from '../store/tables.js';
import { iso, isoTime } from './views.js';

const paramValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

const attemptView = z.object({
  attempt: z.int(),
  status: z.enum(['success', 'failure', 'timeout', 'cancelled', 'interrupted']),
  started_at: isoTime,
  finished_at: isoTime,
  exit_code: z.int().nullable(),
  signal: z.string().nullable(),
  timed_out: z.boolean(),
  error: z.string().nullable(),
});

function attemptsOf(run: Run): z.infer<typeof attemptView>[] {
  return json.decode<AttemptRecord[]>(run.attempt_log, []).map((entry) => ({
    ...entry,
    started_at: iso(entry.started_at) ?? '',
    finished_at: iso(entry.finished_at) ?? '',
  }));
}

export const runView = z.object({
  id: z.int(),
  item: z.string(),
  server: z.string(),
  status: z.enum([
    'queued',
    'running',
    'success',
    'failure',
    'timeout',
    'cancelled',
    'interrupted',
    'skipped',
  ]),
  trigger: z.enum(['manual', 'schedule', 'run-again', 'api', 'webhook']),
  actor: z.string(),
  attempts: z.int(),
  /** Every attempt: number, start, end, exit code or signal, timed out, error. */
  attempt_log: z.array(attemptView),
  exit_code: z.int().nullable(),
  signal: z.string().nullable(),
  error: z.string().nullable(),
  /** The command as run, secrets as ********. */
  command: z.string().nullable(),
  /** Secrets as ********. */
  parameters: z.record(z.string(), paramValue),
  queued_at: isoTime,
  started_at: isoTime.nullable(),
  finished_at: isoTime.nullable(),
  duration_ms: z.int().nullable(),
  output_bytes: z.int(),
  definition_id: z.int().nullable(),
  schedule_id: z.int().nullable(),
  parent_run_id: z.int().nullable(),
  /** A signed link to the run's HTML page, when http.public_url is set. */
  page_url: z.string().nullable(),
});

export const runDetail = runView.extend({
  /** The head and tail of the output; GET /runs/:id/log has all of it. */
  output: z.string(),
});

export type RunView = z.infer<typeof runView>;

export function runOf(run: Run, pageUrl?: (id: number) => string): RunView {
  return {
    id: run.id,
    item: run.item_name,
    server: run.server_name,
    status: run.status,
    trigger: run.trigger,
    actor: run.actor,
    attempts: run.attempts,
    attempt_log: attemptsOf(run),
    exit_code: run.exit_code,
    signal: run.signal,
    error: run.error,
    command: run.command,
    parameters: json.decode<RunView['parameters']>(run.parameters, {}),
    queued_at: iso(run.queued_at) ?? '',
    started_at: iso(run.started_at),
    finished_at: iso(run.finished_at),
    duration_ms: run.duration_ms,
    output_bytes: run.output_bytes,
    definition_id: run.definition_id,
    schedule_id: run.schedule_id,
    parent_run_id: run.parent_run_id,
    page_url: pageUrl ? pageUrl(run.id) : null,
  };
}

export function runDetailOf(run: Run, pageUrl?: (id: number) => string) {
  return {
    ...runOf(run, pageUrl),
    output: runOutput(run),
  };
}

export function isUnfinished(run: Run): boolean {
  return run.status === 'queued' || run.status === 'running';
}
