/** /healthz: the database, the scheduler and each chat platform; 503 when any is down. */
import { sql } from 'kysely';
import { z } from 'zod';
import { messageOf } from '../errors.js';
import type { HttpContext } from './context.js';
import { Answer, type Router } from './route.js';

/** A due time left unacted on this long means the scheduler is stuck or not running. */
export const MAX_LAG_MS = 120_000;
/** Schedules changed this recently may not be armed yet (the scheduler syncs every 10 s). */
const SETTLE_MS = 30_000;

const check = z.object({ ok: z.boolean(), detail: z.string().optional() });
const NO_COUNTS = { lag_seconds: 0, armed: 0, enabled: 0 };

const healthView = z.object({
  status: z.enum(['ok', 'down']),
  checks: z.object({
    database: check,
    scheduler: check.extend({ lag_seconds: z.number(), armed: z.int(), enabled: z.int() }),
    platforms: z.record(z.string(), check),
  }),
});

export interface SchedulerState {
  /** Seconds since the oldest due time that is still waiting; 0 when none is late. */
  lagSeconds: number;
  armed: number;
  enabled: number;
  /** Enabled schedules with a next run that this process has not armed. */
  unarmed: number[];
}

export async function schedulerState(ctx: HttpContext): Promise<SchedulerState> {
  const now = ctx.now();
  const rows = await ctx.app.store.db
    .selectFrom('schedules')
    .select(['id', 'next_run_at', 'updated_at'])
    .where('enabled', '=', 1)
    .execute();
  const armed = new Set(ctx.app.scheduler.armedIds());
  const waiting = rows.flatMap((r) => (r.next_run_at === null ? [] : [r.next_run_at]));
  const oldest = Math.min(now, ...waiting);
  const unarmed = rows
    .filter((r) => r.next_run_at !== null && !armed.has(r.id) && r.updated_at < now - SETTLE_MS)
    .map((r) => r.id);
  return { lagSeconds: (now - oldest) / 1000, armed: armed.size, enabled: rows.length, unarmed };
}

async function database(ctx: HttpContext) {
  try {
    await sql`select 1`.execute(ctx.app.store.db);
    return { ok: true };
  } catch (error) {
    return { ok: false, detail: messageOf(error) };
  }
}

async function scheduler(ctx: HttpContext) {
  const state = await schedulerState(ctx);
  const counts = { lag_seconds: state.lagSeconds, armed: state.armed, enabled: state.enabled };
  if (state.unarmed.length > 0) {
    const detail = `schedules ${state.unarmed.join(', ')} are not armed: is the scheduler running?`;
    return { ok: false, detail, ...counts };
  }
  if (state.lagSeconds * 1000 > MAX_LAG_MS) {
    const detail = `a due time is ${Math.round(state.lagSeconds)} s late`;
    return { ok: false, detail, ...counts };
  }
  return { ok: true, ...counts };
}

function platforms(ctx: HttpContext) {
  const checks: Record<string, z.infer<typeof check>> = {};
  for (const platform of ctx.platforms) {
    const ok = platform.healthy();
    checks[platform.name] = ok ? { ok } : { ok, detail: `${platform.name} is not connected` };
  }
  return checks;
}

export function healthRoute(router: Router, ctx: HttpContext): void {
  router.add({
    method: 'GET',
    url: '/healthz',
    tag: 'health',
    auth: 'none',
    summary: 'Database, scheduler and chat platforms; 503 when any is down',
    response: healthView,
    async handler() {
      const checks = {
        database: await database(ctx),
        scheduler: await scheduler(ctx).catch((e) => ({
          ...NO_COUNTS,
          ok: false,
          detail: messageOf(e),
        })),
        platforms: platforms(ctx),
      };
      const up = [checks.database, checks.scheduler, ...Object.values(checks.platforms)];
      const ok = up.every((c) => c.ok);
      return new Answer(ok ? 200 : 503, { status: ok ? 'ok' : 'down', checks });
    },
  });
}
