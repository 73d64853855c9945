/** /api/v1/jobs: run a catalog item now, or run a past run again. */
import { z } from 'zod';
import { maskParameters } from '../../catalog/render.js';
import type { Subject } from '../../jobs/access.js';
import { json } from '../../store/db.js';
import { actorOf } from '../auth.js';
import {
  checkChannels,
  checkConfirmed,
  checkedValues,
  checkServers,
  usableItem,
} from '../checks.js';
import { type HttpContext, pageUrl } from '../context.js';
import { ApiError, invalidInput } from '../errors.js';
import { allowStart, audit } from '../guard.js';
import { type LaunchPlan, launch, launchGroup } from '../launch.js';
import type { Router } from '../route.js';
import { runOf, runView } from '../run-views.js';

const TAG = 'jobs';

const quickRunBody = z
  .object({
    item: z.string().min(1),
    server: z.string().min(1).optional(),
    servers: z.array(z.string().min(1)).min(1).max(50).optional(),
    parameters: z.record(z.string(), z.unknown()).default({}),
    confirm: z.boolean().optional().describe('required for dangerous items'),
    notify: z.array(z.string()).optional().describe('channels told the outcome, whatever it is'),
  })
  .strict();

const againBody = z.object({ confirm: z.boolean().optional() }).strict().prefault({});

const startedView = z.object({
  /** Several servers run as one group: its id, else null. */
  group_id: z.int().nullable(),
  /** The runs queued so far (a group's waiting servers start later). */
  runs: z.array(runView),
});

/** Starts and audits: one server a plain run, several one group; answers the queued runs. */
export async function startRuns(ctx: HttpContext, subject: Subject, plan: LaunchPlan) {
  const parameters = maskParameters(plan.item, plan.values);
  const what = { action: 'run' as const, item: plan.item.name, servers: [...plan.servers] };
  const grouped = new Set(plan.servers).size > 1;
  const started = grouped
    ? await launchGroup(ctx.app, plan)
    : { groupId: null, runs: await launch(ctx.app, plan) };
  const { groupId, runs } = started;
  const ids = `runs ${runs.map((r) => r.id).join(', ')}`;
  const detail = groupId === null ? ids : `group ${groupId}: ${ids}`;
  await audit(ctx, subject, { ...what, parameters }, 'ok', detail);
  return { group_id: groupId, runs: runs.map((run) => runOf(run, pageUrl(ctx))) };
}

export function jobRoutes(router: Router, ctx: HttpContext): void {
  router.add({
    method: 'POST',
    url: '/api/v1/jobs/quick-run',
    tag: TAG,
    summary: 'Runs a catalog item now on one or more servers',
    body: quickRunBody,
    status: 202,
    response: startedView,
    async handler({ body, subject }) {
      const item = await usableItem(ctx, subject, body.item);
      const servers = [
        ...new Set([...(body.server ? [body.server] : []), ...(body.servers ?? [])]),
      ];
      if (servers.length === 0) throw invalidInput({ servers: 'name a server or servers' });
      const what = { action: 'run' as const, item: item.name, servers };
      await allowStart(ctx, subject, item, what, servers.length);
      const values = checkedValues(item, body.parameters);
      await checkServers(ctx, subject, item, servers);
      checkConfirmed(item, body.confirm);
      if (body.notify) checkChannels(ctx, body.notify, 'notify');
      const actor = actorOf(subject);
      const plan = { item, servers, values, actor, trigger: 'api' as const };
      return startRuns(ctx, subject, { ...plan, notifyChannels: body.notify });
    },
  });

  router.add({
    method: 'POST',
    url: '/api/v1/jobs/run-again/:run_id',
    tag: TAG,
    summary: 'Runs a past run again: same item, server and parameters',
    params: z.object({ run_id: z.coerce.number().int().positive() }),
    body: againBody,
    status: 202,
    response: startedView,
    async handler({ params, body, subject }) {
      const run = await ctx.app.runner.store.get(params.run_id);
      if (!run) throw new ApiError(404, 'run_unknown', `no run ${params.run_id}`);
      const item = await usableItem(ctx, subject, run.item_name, 'path');
      const secrets = item.parameters.filter((p) => p.type === 'secret').map((p) => p.name);
      if (secrets.length > 0) {
        const why = `it takes a secret (${secrets.join(', ')}), which jobdeck never stores`;
        throw new ApiError(
          409,
          'conflict',
          `run ${run.id} cannot run again: ${why}; use quick-run`,
        );
      }
      const servers = [run.server_name];
      const what = { action: 'run' as const, item: item.name, servers };
      await allowStart(ctx, subject, item, what, 1);
      const values = checkedValues(item, json.decode<Record<string, unknown>>(run.parameters, {}));
      await checkServers(ctx, subject, item, servers);
      checkConfirmed(item, body.confirm);
      return startRuns(ctx, subject, {
        item,
        servers,
        values,
        actor: actorOf(subject),
        trigger: 'run-again',
        parentRunId: run.id,
        definitionId: run.definition_id ?? undefined,
      });
    },
  });
}
