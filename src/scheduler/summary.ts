/** Schedules as people see them: item, servers, cron in words, next run; for CLI and chat. */
import type { Db } from '../store/db.js';
import { json } from '../store/db.js';
import type { Schedule } from '../store/tables.js';
import { describeCron } from './describe.js';
import type { MissedRecord } from './missed.js';

export interface ScheduleSummary {
  id: number;
  name: string;
  definitionId: number;
  item: string;
  servers: string[];
  cron: string;
  timezone: string;
  description: string;
  enabled: boolean;
  missedPolicy: Schedule['missed_policy'];
  /** The next due time after now, or null when paused or it never runs again. */
  nextRunAt: number | null;
  lastDueAt: number | null;
  lastMissed: MissedRecord | null;
}

export async function listScheduleSummaries(db: Db, now = Date.now()): Promise<ScheduleSummary[]> {
  const rows = await db
    .selectFrom('schedules')
    .innerJoin('job_definitions', 'job_definitions.id', 'schedules.definition_id')
    .selectAll('schedules')
    .select(['job_definitions.item_name', 'job_definitions.servers'])
    .orderBy('schedules.id')
    .execute();
  return rows.map((row) => summarize(row, row.item_name, row.servers, now));
}

export function summarize(
  row: Schedule,
  item: string,
  servers: string,
  now = Date.now(),
): ScheduleSummary {
  const described = describeCron(row.cron, row.timezone, 1, new Date(now));
  const next = described.ok ? (described.next[0]?.getTime() ?? null) : null;
  return {
    id: row.id,
    name: row.name,
    definitionId: row.definition_id,
    item,
    servers: json.decode<string[]>(servers, []),
    cron: row.cron,
    timezone: row.timezone,
    description: described.ok ? described.description : `invalid: ${described.error}`,
    enabled: row.enabled === 1,
    missedPolicy: row.missed_policy,
    nextRunAt: row.enabled === 1 ? next : null,
    lastDueAt: row.last_due_at,
    lastMissed: json.decode<MissedRecord | null>(row.last_missed, null),
  };
}
