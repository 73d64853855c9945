/** Small wording helpers shared by every screen: names, durations, statuses, times. */
import type { CatalogItem } from '../catalog/schema.js';
import type { Run, RunStatus } from '../store/tables.js';

export const STATUS_EMOJI: Record<RunStatus, string> = {
  queued: '🕓',
  running: '⏳',
  success: '✅',
  failure: '❌',
  timeout: '⏱️',
  cancelled: '🛑',
  interrupted: '⚠️',
  skipped: '⏭️',
};

export const STATUS_WORD: Record<RunStatus, string> = {
  queued: 'queued',
  running: 'running',
  success: 'succeeded',
  failure: 'failed',
  timeout: 'timed out',
  cancelled: 'was cancelled',
  interrupted: 'was interrupted',
  skipped: 'was skipped',
};

export function itemLabel(item: CatalogItem): string {
  return item.emoji ? `${item.emoji} ${item.display_name}` : item.display_name;
}

export function humanDuration(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '-';
  if (ms < 1000) return `${ms}ms`;
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${s % 60}s`;
  return `${Math.floor(m / 60)}h ${m % 60}m`;
}

export function ago(ms: number, now: number): string {
  const s = Math.max(0, Math.round((now - ms) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.floor(s / 60)}m ago`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ago`;
  return `${Math.floor(s / 86_400)}d ago`;
}

export function inZone(date: Date | number, timezone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone: timezone,
    weekday: 'short',
    year: 'numeric',
    month: 'short',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(date);
}

/** `#12 ✅ disk_usage on local · 0.2s · 2m ago`. */
export function runLine(run: Run, now: number): string {
  const when = ago(run.started_at ?? run.queued_at, now);
  const took = run.duration_ms === null ? '' : ` · ${humanDuration(run.duration_ms)}`;
  const what = `${run.item_name} on ${run.server_name}`;
  return `#${run.id} ${STATUS_EMOJI[run.status]} ${what}${took} · ${when}`;
}

/** Parameters as `name=value` words, for summaries. */
export function valuesLine(values: Record<string, unknown>): string {
  const words = Object.entries(values).map(
    ([k, v]) => `${k}=${Array.isArray(v) ? v.join(',') : String(v)}`,
  );
  return words.length > 0 ? words.join(' ') : '(no parameters)';
}
