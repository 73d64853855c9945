/** Gives up an outbox row: marks it abandoned and leaves an audit entry saying why. */
import type { Db } from '../store/db.js';
import { json } from '../store/db.js';
import type { OutboxRow } from '../store/tables.js';

export interface Abandonment {
  attempts: number;
  lastError: string;
  /** Why it stops: past the maximum age, or refused in a way retrying cannot fix. */
  why: string;
  now: number;
}

/** Answers the audit entry's detail line. */
export async function abandonRow(db: Db, row: OutboxRow, a: Abandonment): Promise<string> {
  const run = row.run_id ?? '-';
  const tries = `${a.attempts} attempts`;
  const detail = `run ${run} to ${row.channel}: ${a.why} after ${tries}: ${a.lastError}`;
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('outbox')
      .set({ status: 'abandoned', attempts: a.attempts, last_error: a.lastError })
      .where('id', '=', row.id)
      .execute();
    const found =
      row.run_id === null
        ? undefined
        : await trx
            .selectFrom('runs')
            .select(['item_name', 'server_name'])
            .where('id', '=', row.run_id)
            .executeTakeFirst();
    await trx
      .insertInto('audit_log')
      .values({
        at: a.now,
        actor: 'jobdeck',
        platform: 'system',
        action: 'notify_abandoned',
        item_name: found?.item_name ?? null,
        servers: found ? json.encode([found.server_name]) : null,
        outcome: 'abandoned',
        detail,
      })
      .execute();
  });
  return detail;
}
