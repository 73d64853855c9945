/** Approval requests waiting for a decision, kept as `wizard_sessions` rows (secrets left out). */
import { randomBytes } from 'node:crypto';
import type { Db } from '../store/db.js';
import { json } from '../store/db.js';
import type { RunTrigger } from '../store/tables.js';

/** The session step that marks a row as an approval request, never a wizard. */
export const APPROVAL_STEP = 'approval';

export interface PendingSchedule {
  cron: string;
  timezone: string;
  notify: { onSuccess: boolean; onFailure: boolean; channels: string[] };
}

export interface ApprovalRequest {
  id: string;
  kind: 'run' | 'schedule';
  item: string;
  servers: string[];
  /** Values without secrets: those wait in memory (the vault). */
  values: Record<string, unknown>;
  trigger: RunTrigger;
  parentRunId?: number;
  definitionId?: number;
  /** `platform:user` of who asked, and their display name. */
  requester: string;
  requesterName: string;
  platform: string;
  channelId: string | null;
  schedule?: PendingSchedule;
  expiresAt: number;
}

export type NewApproval = Omit<ApprovalRequest, 'id' | 'expiresAt'>;

function newId(): string {
  return `a${randomBytes(5).toString('hex').slice(0, 9)}`;
}

export async function createApproval(
  db: Db,
  request: NewApproval,
  now: number,
  ttlMs: number,
): Promise<ApprovalRequest> {
  const saved: ApprovalRequest = { ...request, id: newId(), expiresAt: now + ttlMs };
  await db
    .insertInto('wizard_sessions')
    .values({
      id: saved.id,
      owner: saved.requester,
      platform: saved.platform,
      channel_id: saved.channelId,
      step: APPROVAL_STEP,
      data: json.encode({ approval: saved }),
      created_at: now,
      updated_at: now,
      expires_at: saved.expiresAt,
    })
    .execute();
  return saved;
}

export async function findApproval(db: Db, id: string): Promise<ApprovalRequest | undefined> {
  const row = await db
    .selectFrom('wizard_sessions')
    .selectAll()
    .where('id', '=', id)
    .where('step', '=', APPROVAL_STEP)
    .executeTakeFirst();
  if (!row) return undefined;
  const data = json.decode<{ approval?: ApprovalRequest }>(row.data, {});
  return data.approval ? { ...data.approval, expiresAt: row.expires_at } : undefined;
}

/** Removes the request; true only for the one caller that removed it (one decision wins). */
export async function claimApproval(db: Db, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('wizard_sessions')
    .where('id', '=', id)
    .where('step', '=', APPROVAL_STEP)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

export async function expiredApprovals(db: Db, now: number): Promise<ApprovalRequest[]> {
  const rows = await db
    .selectFrom('wizard_sessions')
    .select('id')
    .where('step', '=', APPROVAL_STEP)
    .where('expires_at', '<=', now)
    .execute();
  const found = await Promise.all(rows.map((row) => findApproval(db, row.id)));
  return found.filter((r) => r !== undefined);
}
