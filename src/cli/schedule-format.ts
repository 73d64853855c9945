/** How `jobdeck schedule …` shows schedules: a table, JSON, and the next runs of a new one. */
import { formatInZone } from '../scheduler/describe.js';
import { describeMissed } from '../scheduler/missed.js';
import type { ScheduleSummary } from '../scheduler/summary.js';

const HEADERS = ['ID', 'ITEM', 'SERVER', 'CRON', 'DESCRIPTION', 'TIMEZONE', 'STATE', 'NEXT RUN'];

function row(summary: ScheduleSummary): string[] {
  const next = summary.nextRunAt === null ? '-' : at(summary.nextRunAt, summary.timezone);
  return [
    String(summary.id),
    summary.item,
    summary.servers.join(','),
    summary.cron,
    summary.description,
    summary.timezone,
    summary.enabled ? 'enabled' : 'paused',
    next,
  ];
}

function at(ms: number, timezone: string): string {
  return formatInZone(new Date(ms), timezone);
}

/** Columns padded to their widest cell; the last column is not padded. */
export function scheduleTable(summaries: ScheduleSummary[]): string[] {
  const rows = [HEADERS, ...summaries.map(row)];
  const widths = HEADERS.map((_, i) => Math.max(...rows.map((cells) => cells[i]?.length ?? 0)));
  const lines = rows.map((cells) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  '),
  );
  for (const summary of summaries) {
    if (!summary.lastMissed) continue;
    const words = describeMissed(summary.lastMissed, (ms) => at(ms, summary.timezone));
    lines.push(`schedule ${summary.id}: ${words}`);
  }
  return lines;
}

export function scheduleJson(summary: ScheduleSummary): Record<string, unknown> {
  const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
  return { ...summary, nextRun: iso(summary.nextRunAt), lastDue: iso(summary.lastDueAt) };
}

/** What `schedule add` prints: the id, the expression in words and the next runs. */
export function createdLines(created: {
  id: number;
  name: string;
  cron: string;
  timezone: string;
  description: string;
  next: Date[];
}): string[] {
  return [
    `schedule ${created.id} created: ${created.name}`,
    `  cron       ${created.cron}  (${created.description})`,
    `  timezone   ${created.timezone}`,
    '  next runs',
    ...created.next.map((date) => `    ${formatInZone(date, created.timezone)}`),
  ];
}
