/** Exactly once: an interaction id seen before is not acted on again. */
import type { Db } from '../store/db.js';
import { reusable } from '../store/reusable.js';
import type { Interaction } from './interaction.js';

const KEEP_MS = 24 * 3600 * 1000;

const record = reusable(2, (db: Db, id: string, at: number) =>
  db
    .insertInto('processed_interactions')
    .values({ id, at })
    .onConflict((oc) => oc.column('id').doNothing()),
);

/** Records the id; answers false when it was already recorded. */
export async function firstDelivery(db: Db, id: string, now: number): Promise<boolean> {
  const result = await record(db, id, now);
  return Number(result.numAffectedRows ?? 0n) > 0;
}

export async function sweepDeliveries(db: Db, now: number): Promise<void> {
  await db
    .deleteFrom('processed_interactions')
    .where('at', '<', now - KEEP_MS)
    .execute();
}

/** The key under which an interaction counts as delivered: platform and the platform's id. */
export function dedupeKey(interaction: Interaction): string {
  return `${interaction.actor.platform}:${interaction.id}`;
}
