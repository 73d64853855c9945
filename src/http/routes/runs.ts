/** /api/v1/runs: history, one run, its full log (optionally followed), cancelling. */
import { z } from 'zod';
import type { Subject } from '../../jobs/access.js';
import type { Run } from '../../store/tables.js';
import { actorOf } from '../auth.js';
import { type HttpContext, pageUrl } from '../context.js';
import { ApiError } from '../errors.js';
import { allow, audit } from '../guard.js';
import { logStream } from '../log-stream.js';
import type { Router } from '../route.js';
import { isUnfinished, runDetail, runDetailOf, runOf, runView } from '../run-views.js';

const TAG = 'runs';
const STATUSES = runView.shape.status.options;
const idParams = z.object({ id: z.coerce.number().int().positive() });

const listQuery = z.object({
  item: z.string().optional(),
  server: z.string().optional(),
  status: z.enum(STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(20),
  before: z.coerce.number().int().positive().optional().describe('runs with a smaller id'),
});

/** Names of the items whose runs the subject may read; undefined for every item (admins). */
function readableItems(ctx: HttpContext, subject: Subject): string[] | undefined {
  if (ctx.access.isAdmin(subject)) return undefined;
  const items = ctx.app.catalog.items({ includeDisabled: true });
  return items.filter((item) => ctx.access.canUseItem(subject, item).ok).map((i) => i.name);
}

/** The run, if the subject may use its item. */
async function readableRun(ctx: HttpContext, subject: Subject, id: number): Promise<Run> {
  const run = await ctx.app.runner.store.get(id);
  if (!run) throw new ApiError(404, 'run_unknown', `no run ${id}; GET /api/v1/runs lists them`);
  const readable = readableItems(ctx, subject);
  if (readable && !readable.includes(run.item_name)) {
    const reason = `your role may not use ${run.item_name}, so its runs are hidden`;
    await allow(ctx, subject, { ok: false, reason }, { action: 'access', item: run.item_name });
  }
  return run;
}

export function runRoutes(router: Router, ctx: HttpContext): void {
  router.add({
    method: 'GET',
    url: '/api/v1/runs',
    tag: TAG,
    summary: 'Recent runs, newest first',
    query: listQuery,
    response: z.object({ runs: z.array(runView) }),
    async handler({ query, subject }) {
      let q = ctx.app.store.db.selectFrom('runs').selectAll().orderBy('id', 'desc');
      if (query.item) q = q.where('item_name', '=', query.item);
      if (query.server) q = q.where('server_name', '=', query.server);
      if (query.status) q = q.where('status', '=', query.status);
      if (query.before) q = q.where('id', '<', query.before);
      const readable = readableItems(ctx, subject);
      if (readable) q = q.where('item_name', 'in', ['', ...readable]);
      const runs = await q.limit(query.limit).execute();
      return { runs: runs.map((run) => runOf(run, pageUrl(ctx))) };
    },
  });

  router.add({
    method: 'GET',
    url: '/api/v1/runs/:id',
    tag: TAG,
    summary: 'One run with the head and tail of its output',
    params: idParams,
    response: runDetail,
    async handler({ params, subject }) {
      return runDetailOf(await readableRun(ctx, subject, params.id), pageUrl(ctx));
    },
  });

  router.add({
    method: 'GET',
    url: '/api/v1/runs/:id/log',
    tag: TAG,
    summary: 'The full log as text; `follow=true` streams it until the run ends',
    params: idParams,
    query: z.object({ follow: z.enum(['true', 'false', '1', '0']).optional() }),
    produces: 'text/plain',
    async handler({ params, query, subject, reply }) {
      const run = await readableRun(ctx, subject, params.id);
      const follow = query.follow === 'true' || query.follow === '1';
      const reload = () => ctx.app.runner.store.get(run.id);
      const stream = await logStream(run, { follow, reload });
      reply.header('X-Content-Type-Options', 'nosniff');
      return reply.type('text/plain; charset=utf-8').send(stream);
    },
  });

  router.add({
    method: 'POST',
    url: '/api/v1/runs/:id/cancel',
    tag: TAG,
    summary: "Stops a queued or running run (someone else's needs cancel_others)",
    params: idParams,
    status: 202,
    response: z.object({ cancelled: z.literal(true), run: runView }),
    async handler({ params, subject }) {
      const run = await readableRun(ctx, subject, params.id);
      const what = {
        action: 'run.cancel' as const,
        item: run.item_name,
        servers: [run.server_name],
      };
      if (run.actor !== actorOf(subject)) {
        await allow(ctx, subject, ctx.access.can(subject, 'cancel_others'), what);
      }
      if (!isUnfinished(run) || !(await ctx.app.runner.cancel(run.id))) {
        throw new ApiError(409, 'conflict', `run ${run.id} is not running: it ended ${run.status}`);
      }
      await audit(ctx, subject, what, 'ok', `run ${run.id}`);
      const now = (await ctx.app.runner.store.get(run.id)) ?? run;
      return { cancelled: true, run: runOf(now, pageUrl(ctx)) };
    },
  });
}
