/** One outbox row, written once per key: a second write of the same key does nothing. */
import type { Transaction } from 'kysely';
import { json } from '../store/db.js';
import type { Database } from '../store/tables.js';

export interface OutboxEntry {
  runId: number | null;
  channel: string;
  /** `run:ID:channel`, `group:ID:channel`, `workflow:ID:channel`. */
  key: string;
  payload: unknown;
  now: number;
}

/** Answers 1 when the row was written, 0 when its key was there already. */
export async function writeOutboxRow(trx: Transaction<Database>, entry: OutboxEntry) {
  const result = await trx
    .insertInto('outbox')
    .values({
      run_id: entry.runId,
      channel: entry.channel,
      dedupe_key: entry.key,
      payload: json.encode(entry.payload),
      status: 'pending',
      attempts: 0,
      next_attempt_at: entry.now,
      created_at: entry.now,
    })
    .onConflict((oc) => oc.column('dedupe_key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n);
}
