/** /api/v1/webhooks: give a job definition a signed webhook trigger, list, remove. */
import { z } from 'zod';
import type { Subject } from '../../jobs/access.js';
import { getDefinition } from '../../jobs/definitions.js';
import { actorOf } from '../auth.js';
import { usableItem } from '../checks.js';
import type { HttpContext } from '../context.js';
import { ApiError, invalidInput } from '../errors.js';
import { allow, allowRun } from '../guard.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../hooks.js';
import type { Router } from '../route.js';
import { iso, isoTime } from '../views.js';
import {
  deleteWebhook,
  listWebhooks,
  saveWebhook,
  type Webhook,
  webhookSecret,
} from '../webhooks.js';

const TAG = 'webhooks';
const idParams = z.object({ definition: z.coerce.number().int().positive() });

const webhookView = z.object({
  definition_id: z.int(),
  url: z.string(),
  params: z.array(z.string()),
  secret_env: z.string().nullable(),
  created_by: z.string(),
  created_at: isoTime,
  signature: z.string().describe('how deliveries are signed'),
});

const putBody = z
  .object({
    params: z.array(z.string().min(1)).default([]).describe('parameters a delivery may set'),
    secret_env: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name')
      .optional()
      .describe('the variable holding the secret; without it one is generated and shown once'),
  })
  .strict()
  .prefault({});

function viewOf(ctx: HttpContext, hook: Webhook): z.infer<typeof webhookView> {
  const path = `/hooks/${hook.definitionId}`;
  const base = ctx.app.config.http.public_url?.replace(/\/+$/, '');
  return {
    definition_id: hook.definitionId,
    url: base ? `${base}${path}` : path,
    params: hook.params,
    secret_env: hook.secretEnv,
    created_by: hook.createdBy,
    created_at: iso(hook.createdAt) ?? '',
    signature: `${SIGNATURE_HEADER}: sha256=HMAC-SHA256(secret, "<${TIMESTAMP_HEADER}>.<body>")`,
  };
}

/** The definition, once the subject may start its runs unattended. */
async function manageable(ctx: HttpContext, subject: Subject, id: number) {
  const definition = await getDefinition(ctx.app.store.db, id);
  if (!definition) throw new ApiError(404, 'not_found', `no job definition ${id}`);
  const what = { action: 'schedule.create' as const, item: definition.item_name };
  await allow(ctx, subject, ctx.access.can(subject, 'schedule'), what);
  const item = await usableItem(ctx, subject, definition.item_name, 'path');
  await allowRun(ctx, subject, item, { ...what, servers: definition.servers });
  return { definition, item };
}

export function webhookRoutes(router: Router, ctx: HttpContext): void {
  router.add({
    method: 'PUT',
    url: '/api/v1/webhooks/:definition',
    tag: TAG,
    summary: 'Creates or replaces the webhook; a generated secret is answered this once',
    params: idParams,
    body: putBody,
    status: 201,
    response: webhookView.extend({ secret: z.string().optional() }),
    async handler({ params, body, subject }) {
      const { item } = await manageable(ctx, subject, params.definition);
      const names = item.parameters.map((p) => p.name);
      const unknown = body.params.filter((p) => !names.includes(p));
      if (unknown.length > 0) {
        const takes = names.join(', ') || 'none';
        throw invalidInput({ params: `unknown parameter ${unknown.join(', ')}; takes: ${takes}` });
      }
      if (body.secret_env && !ctx.env[body.secret_env]) {
        throw invalidInput({ secret_env: `${body.secret_env} is not set for jobdeck` });
      }
      const hook = await saveWebhook(ctx.app.store.db, {
        definitionId: params.definition,
        secretEnv: body.secret_env,
        params: [...new Set(body.params)],
        createdBy: actorOf(subject),
        now: ctx.now(),
      });
      const view = viewOf(ctx, hook);
      if (hook.secretEnv) return view;
      return { ...view, secret: webhookSecret(hook, ctx.signer, ctx.env) };
    },
  });

  router.add({
    method: 'GET',
    url: '/api/v1/webhooks',
    tag: TAG,
    summary: 'Every webhook (never its secret)',
    response: z.object({ webhooks: z.array(webhookView) }),
    async handler() {
      const hooks = await listWebhooks(ctx.app.store.db);
      return { webhooks: hooks.map((hook) => viewOf(ctx, hook)) };
    },
  });

  router.add({
    method: 'DELETE',
    url: '/api/v1/webhooks/:definition',
    tag: TAG,
    summary: 'Removes the webhook; deliveries are refused from then on',
    params: idParams,
    status: 204,
    async handler({ params, subject }) {
      await manageable(ctx, subject, params.definition);
      if (!(await deleteWebhook(ctx.app.store.db, params.definition))) {
        throw new ApiError(404, 'not_found', `definition ${params.definition} has no webhook`);
      }
      return undefined;
    },
  });
}
