/** POST /hooks/:definition: a signed webhook delivery runs the definition (trigger webhook). */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { recordAudit } from '../jobs/audit.js';
import { getDefinition } from '../jobs/definitions.js';
import { checkedValues } from './checks.js';
import { type HttpContext, pageUrl } from './context.js';
import { ApiError, invalidInput } from './errors.js';
import { launch } from './launch.js';
import type { Router } from './route.js';
import { runOf, runView } from './run-views.js';
import { useOnce } from './used-tokens.js';
import { getWebhook, sameSignature, signatureOf, type Webhook, webhookSecret } from './webhooks.js';

export const SIGNATURE_HEADER = 'x-jobdeck-signature';
export const TIMESTAMP_HEADER = 'x-jobdeck-timestamp';
/** How far a delivery's timestamp may be from now, either way. */
export const WINDOW_MS = 5 * 60_000;

const refused = (why: string) => new ApiError(401, 'signature_invalid', why);

function header(request: FastifyRequest, name: string): string {
  const value = request.headers[name];
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

/** The signature is right and fresh, and this delivery was not seen before. */
async function verify(ctx: HttpContext, hook: Webhook, request: FastifyRequest, body: Buffer) {
  const timestamp = header(request, TIMESTAMP_HEADER);
  const signature = header(request, SIGNATURE_HEADER);
  if (!/^\d{1,12}$/.test(timestamp) || !signature) {
    throw refused(`send ${TIMESTAMP_HEADER} (unix seconds) and ${SIGNATURE_HEADER}: sha256=<hex>`);
  }
  const expected = signatureOf(webhookSecret(hook, ctx.signer, ctx.env), timestamp, body);
  if (!sameSignature(signature, expected)) {
    throw refused('the signature does not match: HMAC-SHA256 of "<timestamp>.<body>"');
  }
  const at = Number(timestamp) * 1000;
  if (Math.abs(ctx.now() - at) > WINDOW_MS) {
    throw refused('the timestamp is more than 5 minutes from now; sign each delivery afresh');
  }
  const key = `hook:${hook.definitionId}:${signature}`;
  if (!(await useOnce(ctx.app.store.db, key, at + WINDOW_MS, ctx.now()))) {
    throw new ApiError(409, 'conflict', 'this delivery was received already (replay refused)');
  }
}

function payload(body: Buffer): Record<string, unknown> {
  if (body.length === 0) return {};
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw invalidInput({ '(body)': 'expected a JSON object' });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw invalidInput({ '(body)': 'expected a JSON object' });
  }
  return value as Record<string, unknown>;
}

async function deliver(ctx: HttpContext, definitionId: number, request: FastifyRequest) {
  const hook = await getWebhook(ctx.app.store.db, definitionId);
  if (!hook) throw new ApiError(404, 'not_found', `definition ${definitionId} has no webhook`);
  const body = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
  await verify(ctx, hook, request, body);
  const definition = await getDefinition(ctx.app.store.db, definitionId);
  const item = definition ? ctx.app.catalog.get(definition.item_name) : undefined;
  if (!definition || !item || !definition.enabled) {
    throw new ApiError(
      409,
      'conflict',
      `definition ${definitionId} or its item is gone or disabled`,
    );
  }
  const given = payload(body);
  const overrides = Object.fromEntries(
    hook.params.filter((p) => Object.hasOwn(given, p)).map((p) => [p, given[p]]),
  );
  const values = checkedValues(item, { ...definition.parameters, ...overrides });
  const actor = `webhook:${definitionId}`;
  const runs = await launch(ctx.app, {
    item,
    servers: definition.servers,
    values,
    actor,
    trigger: 'webhook',
    definitionId,
    timeoutSeconds: definition.timeout ?? undefined,
  });
  const detail = `runs ${runs.map((r) => r.id).join(', ')}`;
  const entry = { actor, platform: 'webhook', action: 'run' as const, outcome: 'ok' as const };
  await recordAudit(ctx.app.store.db, {
    ...entry,
    item: item.name,
    servers: definition.servers,
    detail,
  });
  const ignored = Object.keys(given).filter((key) => !hook.params.includes(key));
  return { runs: runs.map((run) => runOf(run, pageUrl(ctx))), ignored };
}

/** POST /hooks/:definition; register on a router whose scope keeps bodies raw (rawBodies). */
export function hookRoute(router: Router, ctx: HttpContext): void {
  router.add({
    method: 'POST',
    url: '/hooks/:definition',
    tag: 'webhooks',
    auth: 'none',
    summary: `Runs the definition; signed with ${SIGNATURE_HEADER} and ${TIMESTAMP_HEADER}`,
    params: z.object({ definition: z.coerce.number().int().positive() }),
    status: 202,
    response: z.object({ runs: z.array(runView), ignored: z.array(z.string()) }),
    handler: ({ params, request }) => deliver(ctx, params.definition, request),
  });
}
