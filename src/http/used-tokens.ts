/** Single use: link nonces and webhook signatures remembered until they expire on their own. */
import type { Db } from '../store/db.js';

/** True the first time `key` is seen; false when it was used before. */
export async function useOnce(db: Db, key: string, expiresAt: number, now: number) {
  await db.deleteFrom('used_tokens').where('expires_at', '<', now).execute();
  const result = await db
    .insertInto('used_tokens')
    .values({ key, used_at: now, expires_at: expiresAt })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) > 0;
}
