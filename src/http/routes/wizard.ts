/** /api/v1/wizard: the five steps in one request: validate, preview, create. */
import { z } from 'zod';
import { maskParameters, renderCommand } from '../../catalog/render.js';
import type { Subject } from '../../jobs/access.js';
import { createDefinition } from '../../jobs/definitions.js';
import { savePolicy } from '../../notify/policies.js';
import { previewNotification } from '../../notify/preview.js';
import { actorOf } from '../auth.js';
import { checkConfirmed, checkedValues, usableItem } from '../checks.js';
import type { HttpContext } from '../context.js';
import { allow, allowApproved, allowStart, audit } from '../guard.js';
import type { Router } from '../route.js';
import { runView } from '../run-views.js';
import { type Reviewed, review, type WizardBody, wizardBody } from '../wizard-review.js';
import { startRuns } from './jobs.js';

const TAG = 'wizard';

const cronView = z.object({
  cron: z.string(),
  timezone: z.string(),
  description: z.string(),
  next: z.array(z.string()),
});

const messageView = z.object({
  title: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  priority: z.int(),
});

const previewBody = z
  .object({
    item: z.string().min(1),
    parameters: z.record(z.string(), z.unknown()).default({}),
    server: z.string().min(1).optional(),
  })
  .strict();

function cronOf(reviewed: Reviewed) {
  const { cron } = reviewed;
  if (!cron) return null;
  const next = cron.next.map((d) => d.toISOString());
  return { cron: cron.expr, timezone: cron.timezone, description: cron.description, next };
}

async function createDefinitionFor(
  ctx: HttpContext,
  subject: Subject,
  body: WizardBody,
  r: Reviewed,
) {
  const { db } = ctx.app.store;
  const definition = await createDefinition(db, {
    item: r.item,
    parameters: r.values,
    servers: r.servers,
    name: body.name ?? `${r.item.name} on ${r.servers.join(', ')}`,
    createdBy: actorOf(subject),
    platform: 'api',
    channelId: null,
  });
  const { on_success: success, on_failure: failure, channels } = body.notify;
  const on = success && failure ? 'both' : success ? 'success' : failure ? 'failure' : 'never';
  const policy = {
    definitionId: definition.id,
    on,
    channels,
    templates: {},
    includeOutput: false,
    outputMaxLines: 20,
    tags: {},
    priority: {},
  } as const;
  await savePolicy(db, { ...policy, channels: [...channels] }, r.item, ctx.app.deliveries.names());
  return definition;
}

type Cron = NonNullable<Reviewed['cron']>;

async function scheduleIt(
  ctx: HttpContext,
  subject: Subject,
  body: WizardBody,
  r: Reviewed,
  cron: Cron,
) {
  const what = { action: 'schedule.create' as const, item: r.item.name, servers: r.servers };
  await allow(ctx, subject, ctx.access.can(subject, 'schedule'), what);
  await allowApproved(ctx, subject, r.item, what);
  const definition = await createDefinitionFor(ctx, subject, body, r);
  const schedule = await ctx.app.scheduler.add({
    definitionId: definition.id,
    name: body.name ?? `${r.item.display_name} on ${r.servers.join(', ')}`,
    cron: cron.expr,
    timezone: cron.timezone,
    createdBy: actorOf(subject),
  });
  await audit(ctx, subject, what, 'ok', `schedule ${schedule.id}: ${cron.expr}`);
  return { definition_id: definition.id, schedule_id: schedule.id, run_ids: [], runs: [] };
}

async function runIt(ctx: HttpContext, subject: Subject, body: WizardBody, r: Reviewed) {
  const what = { action: 'run' as const, item: r.item.name, servers: r.servers };
  await allowStart(ctx, subject, r.item, what, r.servers.length);
  checkConfirmed(r.item, body.confirm);
  const definition = await createDefinitionFor(ctx, subject, body, r);
  const { runs } = await startRuns(ctx, subject, {
    item: r.item,
    servers: r.servers,
    values: r.values,
    actor: actorOf(subject),
    trigger: 'api',
    definitionId: definition.id,
  });
  return { definition_id: definition.id, schedule_id: null, run_ids: runs.map((r) => r.id), runs };
}

export function wizardRoutes(router: Router, ctx: HttpContext): void {
  router.add({
    method: 'POST',
    url: '/api/v1/wizard/validate',
    tag: TAG,
    summary: 'Checks every answer; 400 lists each field in trouble',
    body: wizardBody,
    response: z.object({
      valid: z.literal(true),
      parameters: z.record(z.string(), z.unknown()),
      command: z.string(),
      schedule: cronView.nullable(),
    }),
    async handler({ body, subject }) {
      const reviewed = await review(ctx, subject, body);
      const { display } = renderCommand(reviewed.item, reviewed.values);
      const parameters = maskParameters(reviewed.item, reviewed.values);
      return { valid: true, parameters, command: display, schedule: cronOf(reviewed) };
    },
  });

  router.add({
    method: 'POST',
    url: '/api/v1/wizard/preview',
    tag: TAG,
    summary: 'The exact command (secrets masked) and the success and failure notifications',
    body: previewBody,
    response: z.object({
      command: z.string(),
      notification: z.object({ success: messageView, failure: messageView }),
    }),
    async handler({ body, subject }) {
      const item = await usableItem(ctx, subject, body.item);
      const values = checkedValues(item, body.parameters);
      const state = body.server ? await ctx.app.servers.get(body.server) : undefined;
      const options = {
        timezone: ctx.app.config.timezone,
        ...(state && { server: { name: state.name, hostname: state.host } }),
      };
      const message = (status: 'success' | 'failure') => {
        const m = previewNotification(item, status, values, options);
        return { title: m.title, body: m.body, tags: m.tags, priority: m.priority };
      };
      const command = renderCommand(item, values).display;
      return {
        command,
        notification: { success: message('success'), failure: message('failure') },
      };
    },
  });

  router.add({
    method: 'POST',
    url: '/api/v1/wizard/create',
    tag: TAG,
    summary: 'Creates the job definition, then runs it now or schedules it',
    body: wizardBody,
    status: 201,
    response: z.object({
      definition_id: z.int(),
      schedule_id: z.int().nullable(),
      run_ids: z.array(z.int()),
      runs: z.array(runView),
    }),
    async handler({ body, subject }) {
      const reviewed = await review(ctx, subject, body);
      if (reviewed.cron) return scheduleIt(ctx, subject, body, reviewed, reviewed.cron);
      return runIt(ctx, subject, body, reviewed);
    },
  });
}
