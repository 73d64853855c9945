/** How runs read on a terminal: the summary line, the history table and one run in full. */
import { formatTime } from '../notify/text.js';
import type { AttemptRecord } from '../runner/attempt.js';
import { runOutput } from '../runner/output.js';
import { json } from '../store/db.js';
import type { Run } from '../store/tables.js';

const MARKS: Record<Run['status'], string> = {
  queued: '…',
  running: '▶',
  success: '✔',
  failure: '✘',
  timeout: '⏱',
  cancelled: '■',
  interrupted: '!',
  skipped: '↷',
};

/** "0.2s", "12s", "3m 05s", "2h 03m". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '-';
  if (ms < 10_000) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${pad(seconds % 60)}s`;
  return `${Math.floor(seconds / 3600)}h ${pad(Math.floor(seconds / 60) % 60)}m`;
}

/** `✔ disk_usage on local: success in 0.2s (run 12)`, plus the reason when it did not succeed. */
export function summaryLine(run: Run): string {
  const head = `${MARKS[run.status]} ${run.item_name} on ${run.server_name}: ${run.status}`;
  const took = run.duration_ms === null ? '' : ` in ${formatDuration(run.duration_ms)}`;
  const why = run.status !== 'success' && run.error ? `: ${run.error}` : '';
  return `${head}${took} (run ${run.id})${why}`;
}

/** The run row as JSON with its JSON columns decoded. */
export function runJson(run: Run): Record<string, unknown> {
  return {
    ...run,
    parameters: json.decode(run.parameters, {}),
    thread: json.decode(run.thread, null),
    notify_channels: json.decode(run.notify_channels, null),
    attempt_log: json.decode<AttemptRecord[]>(run.attempt_log, []),
  };
}

/** `  #2  failure  exit 1  17:02:03  0.4s  exit code 1`, one line per attempt. */
function attemptLines(run: Run, timeZone: string): string[] {
  const log = json.decode<AttemptRecord[]>(run.attempt_log, []);
  if (log.length === 0) return [];
  const rows = log.map((entry) => [
    `#${entry.attempt}`,
    entry.timed_out ? 'timed out' : entry.status,
    entry.exit_code !== null ? `exit ${entry.exit_code}` : (entry.signal ?? '-'),
    formatTime(entry.started_at, timeZone),
    formatDuration(entry.finished_at - entry.started_at),
    entry.error ?? '',
  ]);
  return ['', 'Attempts:', ...table(rows).map((line) => `  ${line}`)];
}

function table(rows: string[][]): string[] {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length))) ?? [];
  return rows.map((r) =>
    r
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

export function historyLines(runs: Run[], timeZone: string): string[] {
  if (runs.length === 0) return ['no runs yet'];
  const header = ['RUN', 'STATUS', 'ITEM', 'SERVER', 'TRIGGER', 'STARTED', 'TOOK', 'EXIT'];
  const rows = runs.map((run) => [
    String(run.id),
    `${MARKS[run.status]} ${run.status}`,
    run.item_name,
    run.server_name,
    run.trigger,
    formatTime(run.started_at ?? run.queued_at, timeZone),
    formatDuration(run.duration_ms),
    run.exit_code !== null ? String(run.exit_code) : (run.signal ?? '-'),
  ]);
  return table([header, ...rows]);
}

export function runLines(run: Run, timeZone: string): string[] {
  const parameters = json.decode<Record<string, unknown>>(run.parameters, {});
  const values = Object.entries(parameters).map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  const fields: [string, string | null][] = [
    ['Status', `${MARKS[run.status]} ${run.status}`],
    ['Item', run.item_name],
    ['Server', run.server_name],
    ['Parameters', values.join(' ') || null],
    ['Command', run.command],
    ['Trigger', `${run.trigger} by ${run.actor}`],
    ['Queued', formatTime(run.queued_at, timeZone)],
    ['Started', formatTime(run.started_at, timeZone) || null],
    ['Finished', formatTime(run.finished_at, timeZone) || null],
    ['Duration', run.duration_ms === null ? null : formatDuration(run.duration_ms)],
    ['Attempts', String(run.attempts)],
    ['Exit', run.exit_code !== null ? String(run.exit_code) : run.signal],
    ['Error', run.error],
    ['Log', run.log_path],
  ];
  const lines = [`Run ${run.id}`];
  for (const [label, value] of fields) if (value) lines.push(`  ${label.padEnd(11)}${value}`);
  lines.push(...attemptLines(run, timeZone));
  const output = runOutput(run);
  lines.push('', `Output (${run.output_bytes} bytes):`, output === '' ? '  (none)' : output);
  return lines;
}
