/** The audit log: who started, scheduled, pinned, approved or was refused what, where and when. */
import { sql } from 'kysely';
import type { Db } from '../store/db.js';
import { json } from '../store/db.js';

export type AuditAction =
  | 'run'
  | 'run.cancel'
  | 'schedule.create'
  | 'schedule.pause'
  | 'schedule.resume'
  | 'schedule.delete'
  | 'favorite.pin'
  | 'favorite.unpin'
  | 'approval.request'
  | 'approval.decide'
  | 'access'
  | 'item.save'
  | 'workflow.run'
  | 'workflow.cancel';

/** `ok`, `refused`, `requested`, `approved`, `denied`, `expired` or `failed`. */
export type AuditOutcome =
  | 'ok'
  | 'refused'
  | 'requested'
  | 'approved'
  | 'denied'
  | 'expired'
  | 'failed';

export interface AuditEntry {
  /** `platform:user`, `cli:user`, `schedule:ID` or `api:token`. */
  actor: string;
  platform: string;
  channelId?: string | null;
  action: AuditAction;
  item?: string | null;
  servers?: string[];
  /** Already masked: secrets never reach this module in clear. */
  parameters?: Record<string, unknown>;
  outcome: AuditOutcome;
  detail?: string;
  at?: number;
}

export interface AuditRecord {
  id: number;
  at: number;
  actor: string;
  platform: string;
  channelId: string | null;
  action: string;
  item: string | null;
  servers: string[];
  parameters: Record<string, unknown>;
  outcome: string;
  detail: string | null;
}

const DETAIL_MAX = 2000;

export async function recordAudit(db: Db, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      at: entry.at ?? Date.now(),
      actor: entry.actor,
      platform: entry.platform,
      channel_id: entry.channelId ?? null,
      action: entry.action,
      item_name: entry.item ?? null,
      servers: entry.servers ? json.encode(entry.servers) : null,
      parameters: entry.parameters ? json.encode(entry.parameters) : null,
      outcome: entry.outcome,
      detail: entry.detail === undefined ? null : entry.detail.slice(0, DETAIL_MAX),
    })
    .execute();
}

export interface AuditQuery {
  /** Entries at or after this time (epoch ms). */
  since?: number;
  /** `platform:user`, or a bare user id on any platform. */
  user?: string;
  limit?: number;
}

/** A LIKE pattern for `…:user`, its wildcards escaped. */
function endsWith(user: string): string {
  return `%:${user.replace(/[\\%_]/g, (c) => `\\${c}`)}`;
}

export async function listAudit(db: Db, query: AuditQuery = {}): Promise<AuditRecord[]> {
  let select = db.selectFrom('audit_log').selectAll().orderBy('id', 'desc');
  if (query.since !== undefined) select = select.where('at', '>=', query.since);
  const user = query.user;
  if (user)
    select = select.where((eb) =>
      eb.or([eb('actor', '=', user), sql<boolean>`actor like ${endsWith(user)} escape '\\'`]),
    );
  const rows = await select.limit(query.limit ?? 1000).execute();
  return rows.reverse().map((row) => ({
    id: row.id,
    at: row.at,
    actor: row.actor,
    platform: row.platform,
    channelId: row.channel_id,
    action: row.action,
    item: row.item_name,
    servers: json.decode<string[]>(row.servers, []),
    parameters: json.decode<Record<string, unknown>>(row.parameters, {}),
    outcome: row.outcome,
    detail: row.detail,
  }));
}
