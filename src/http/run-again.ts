/** POST /runs/:id/again?token=…: the notification's Run again action, each link used once. */
import { z } from 'zod';
import { recordAudit } from '../jobs/audit.js';
import { json } from '../store/db.js';
import { checkedValues } from './checks.js';
import { type HttpContext, pageUrl } from './context.js';
import { ApiError } from './errors.js';
import { launch } from './launch.js';
import { canRunUnattended } from './links.js';
import type { Router } from './route.js';
import { runOf, runView } from './run-views.js';
import { useOnce } from './used-tokens.js';

export const RUN_AGAIN_ACTOR = 'ntfy:run-again';

const WHY = {
  malformed: 'this Run again link is incomplete',
  tampered: 'this Run again link was changed after jobdeck signed it',
  expired: 'this Run again link has expired; start the job from chat or the API',
};

async function runAgain(ctx: HttpContext, runId: number, token: string) {
  const check = ctx.signer.verify('run-again', String(runId), token, ctx.now());
  if (!check.ok) throw new ApiError(403, 'link_invalid', WHY[check.reason]);
  const run = await ctx.app.runner.store.get(runId);
  if (!run) throw new ApiError(404, 'run_unknown', `run ${runId} is gone`);
  const item = ctx.app.catalog.get(run.item_name);
  if (!item?.enabled || !canRunUnattended(item)) {
    throw new ApiError(409, 'conflict', `${run.item_name} cannot be started from a notification`);
  }
  await ctx.app.servers.get(run.server_name);
  const values = checkedValues(item, json.decode<Record<string, unknown>>(run.parameters, {}));
  const fresh = await useOnce(ctx.app.store.db, `again:${check.nonce}`, check.expiresAt, ctx.now());
  if (!fresh) throw new ApiError(410, 'link_invalid', 'this Run again link was used already');
  const runs = await launch(ctx.app, {
    item,
    servers: [run.server_name],
    values,
    actor: RUN_AGAIN_ACTOR,
    trigger: 'run-again',
    parentRunId: run.id,
    definitionId: run.definition_id ?? undefined,
  });
  await recordAudit(ctx.app.store.db, {
    actor: RUN_AGAIN_ACTOR,
    platform: 'ntfy',
    action: 'run',
    item: item.name,
    servers: [run.server_name],
    parameters: json.decode<Record<string, unknown>>(run.parameters, {}),
    outcome: 'ok',
    detail: `again of run ${run.id}: runs ${runs.map((r) => r.id).join(', ')}`,
    at: ctx.now(),
  });
  return { runs: runs.map((r) => runOf(r, pageUrl(ctx))) };
}

export function runAgainRoute(router: Router, ctx: HttpContext): void {
  router.add({
    method: 'POST',
    url: '/runs/:id/again',
    tag: 'links',
    auth: 'none',
    summary: "A notification's single-use Run again link",
    params: z.object({ id: z.coerce.number().int().positive() }),
    query: z.object({ token: z.string().default('') }),
    status: 202,
    response: z.object({ runs: z.array(runView) }),
    handler: ({ params, query }) => runAgain(ctx, params.id, query.token),
  });
}
