/** The per-user limit on starting runs, counted from the runs table so restarts forget nothing. */
import type { Db } from '../store/db.js';
import type { Decision } from './access.js';

export const WINDOW_MS = 60_000;

/**
 * Whether `actor` may start `adding` more runs now, given at most `limit` per minute
 * (0: no limit). Scheduled runs do not count: nobody started them by hand.
 */
export async function checkRunRate(
  db: Db,
  actor: string,
  adding: number,
  limit: number,
  now: number,
): Promise<Decision> {
  if (limit <= 0) return { ok: true };
  if (adding > limit)
    return {
      ok: false,
      reason:
        `That would start ${adding} runs at once; the limit is ${limit} per minute. ` +
        'Choose fewer servers.',
    };
  const recent = await db
    .selectFrom('runs')
    .select('queued_at')
    .where('actor', '=', actor)
    .where('trigger', '!=', 'schedule')
    .where('queued_at', '>', now - WINDOW_MS)
    .orderBy('queued_at')
    .execute();
  const over = recent.length + adding - limit;
  if (over <= 0) return { ok: true };
  const freedAt = (recent[over - 1]?.queued_at ?? now) + WINDOW_MS;
  const wait = Math.max(1, Math.ceil((freedAt - now) / 1000));
  const runs = `${recent.length} run${recent.length === 1 ? '' : 's'}`;
  const started = `You started ${runs} in the last minute`;
  const more = recent.length < limit ? ` and this would start ${adding} more (limit ${limit})` : '';
  return { ok: false, reason: `${started}${more}; try again in ${wait} s.` };
}
