/** /api/v1/schedules: list, read, create, change (pause and resume), delete. */
import { z } from 'zod';
import type { Subject } from '../../jobs/access.js';
import { getDefinition } from '../../jobs/definitions.js';
import { describeCron } from '../../scheduler/describe.js';
import { requireSchedule } from '../../scheduler/manage.js';
import { type ScheduleSummary, summarize } from '../../scheduler/summary.js';
import { json } from '../../store/db.js';
import type { Schedule } from '../../store/tables.js';
import { actorOf } from '../auth.js';
import { usableItem } from '../checks.js';
import type { HttpContext } from '../context.js';
import { ApiError, invalidInput } from '../errors.js';
import { allow, allowApproved, audit } from '../guard.js';
import type { Router } from '../route.js';
import { iso, isoTime } from '../views.js';

const TAG = 'schedules';
const idParams = z.object({ id: z.coerce.number().int().positive() });
const missed = z.enum(['skip', 'run-once']);

const scheduleView = z.object({
  id: z.int(),
  name: z.string(),
  definition_id: z.int(),
  item: z.string(),
  servers: z.array(z.string()),
  cron: z.string(),
  timezone: z.string(),
  description: z.string(),
  enabled: z.boolean(),
  missed_policy: missed,
  next_run_at: isoTime.nullable(),
  last_due_at: isoTime.nullable(),
});

const changes = {
  name: z.string().min(1).max(200).optional(),
  cron: z.string().min(1).optional(),
  timezone: z.string().min(1).optional(),
  missed_policy: missed.optional(),
  enabled: z.boolean().optional().describe('false pauses, true resumes'),
};
const createBody = z.object({ definition_id: z.int().positive(), ...changes }).strict();
const patchBody = z.object(changes).strict();

function viewOf(s: ScheduleSummary): z.infer<typeof scheduleView> {
  return {
    id: s.id,
    name: s.name,
    definition_id: s.definitionId,
    item: s.item,
    servers: s.servers,
    cron: s.cron,
    timezone: s.timezone,
    description: s.description,
    enabled: s.enabled,
    missed_policy: s.missedPolicy,
    next_run_at: iso(s.nextRunAt),
    last_due_at: iso(s.lastDueAt),
  };
}

/** The definition behind a schedule, after checking the subject may schedule it. */
async function schedulable(ctx: HttpContext, subject: Subject, definitionId: number) {
  const definition = await getDefinition(ctx.app.store.db, definitionId);
  if (!definition) throw new ApiError(404, 'not_found', `no job definition ${definitionId}`);
  const what = { action: 'schedule.create' as const, item: definition.item_name };
  await allow(ctx, subject, ctx.access.can(subject, 'schedule'), what);
  const item = await usableItem(ctx, subject, definition.item_name, 'path');
  await allowApproved(ctx, subject, item, what);
  return { definition, item, what: { ...what, servers: definition.servers } };
}

async function summaryOf(ctx: HttpContext, row: Schedule) {
  const definition = await getDefinition(ctx.app.store.db, row.definition_id);
  const servers = json.encode(definition?.servers ?? []);
  return viewOf(summarize(row, definition?.item_name ?? '', servers, ctx.now()));
}

function checkCron(cron: string, timezone: string): void {
  const described = describeCron(cron, timezone, 1);
  if (!described.ok) throw invalidInput({ cron: described.error }, 'schedule_invalid');
}

export function scheduleRoutes(router: Router, ctx: HttpContext): void {
  router.add({
    method: 'GET',
    url: '/api/v1/schedules',
    tag: TAG,
    summary: 'Every schedule of an item the token may use, with its next run',
    response: z.object({ schedules: z.array(scheduleView) }),
    async handler({ subject }) {
      const usable = (name: string) => {
        const item = ctx.app.catalog.get(name);
        return item ? ctx.access.canUseItem(subject, item).ok : ctx.access.isAdmin(subject);
      };
      const all = await ctx.app.scheduler.list();
      return { schedules: all.filter((s) => usable(s.item)).map(viewOf) };
    },
  });

  router.add({
    method: 'GET',
    url: '/api/v1/schedules/:id',
    tag: TAG,
    summary: 'One schedule',
    params: idParams,
    response: scheduleView,
    async handler({ params, subject }) {
      const row = await requireSchedule(ctx.app.store.db, params.id);
      const view = await summaryOf(ctx, row);
      await usableItem(ctx, subject, view.item, 'path');
      return view;
    },
  });

  router.add({
    method: 'POST',
    url: '/api/v1/schedules',
    tag: TAG,
    summary: 'Schedules an existing job definition on a cron expression',
    body: createBody,
    status: 201,
    response: scheduleView,
    async handler({ body, subject }) {
      const { definition, item, what } = await schedulable(ctx, subject, body.definition_id);
      if (item.parameters.some((p) => p.type === 'secret')) {
        throw invalidInput({ definition_id: `${item.name} takes a secret, which is never stored` });
      }
      if (!body.cron) throw invalidInput({ cron: 'a schedule needs a cron expression' });
      const timezone = body.timezone ?? ctx.app.config.timezone;
      checkCron(body.cron, timezone);
      const row = await ctx.app.scheduler.add({
        definitionId: definition.id,
        name: body.name ?? `${item.display_name} on ${definition.servers.join(', ')}`,
        cron: body.cron,
        timezone,
        ...(body.missed_policy && { missedPolicy: body.missed_policy }),
        ...(body.enabled !== undefined && { enabled: body.enabled }),
        createdBy: actorOf(subject),
      });
      await audit(ctx, subject, what, 'ok', `schedule ${row.id}: ${row.cron}`);
      return summaryOf(ctx, row);
    },
  });

  router.add({
    method: 'PATCH',
    url: '/api/v1/schedules/:id',
    tag: TAG,
    summary: 'Changes a schedule; `enabled` pauses or resumes it',
    params: idParams,
    body: patchBody,
    response: scheduleView,
    async handler({ params, body, subject }) {
      const current = await requireSchedule(ctx.app.store.db, params.id);
      const { what } = await schedulable(ctx, subject, current.definition_id);
      if (body.cron || body.timezone) {
        checkCron(body.cron ?? current.cron, body.timezone ?? current.timezone);
      }
      const row = await ctx.app.scheduler.update(params.id, {
        name: body.name,
        cron: body.cron,
        timezone: body.timezone,
        missedPolicy: body.missed_policy,
        enabled: body.enabled,
      });
      if (body.enabled !== undefined) {
        const action = body.enabled ? 'schedule.resume' : 'schedule.pause';
        await audit(ctx, subject, { ...what, action }, 'ok', `schedule ${row.id}`);
      }
      return summaryOf(ctx, row);
    },
  });

  router.add({
    method: 'DELETE',
    url: '/api/v1/schedules/:id',
    tag: TAG,
    summary: 'Deletes a schedule (its job definition stays)',
    params: idParams,
    status: 204,
    async handler({ params, subject }) {
      const current = await requireSchedule(ctx.app.store.db, params.id);
      const { what } = await schedulable(ctx, subject, current.definition_id);
      await ctx.app.scheduler.remove(params.id);
      await audit(
        ctx,
        subject,
        { ...what, action: 'schedule.delete' },
        'ok',
        `schedule ${params.id}`,
      );
      return undefined;
    },
  });
}
