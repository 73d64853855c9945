/** Access decisions for API callers: refusals audited and answered 403, starts rate-limited. */
import type { CatalogItem } from '../catalog/schema.js';
import type { Decision, Subject } from '../jobs/access.js';
import { type AuditAction, type AuditOutcome, recordAudit } from '../jobs/audit.js';
import { checkRunRate } from '../jobs/rate-limit.js';
import { actorOf } from './auth.js';
import type { HttpContext } from './context.js';
import { ApiError } from './errors.js';

export interface AuditWhat {
  action: AuditAction;
  item?: string | undefined;
  servers?: string[] | undefined;
  /** Already masked. */
  parameters?: Record<string, unknown> | undefined;
}

export async function audit(
  ctx: HttpContext,
  subject: Subject,
  what: AuditWhat,
  outcome: AuditOutcome,
  detail?: string,
): Promise<void> {
  await recordAudit(ctx.app.store.db, {
    actor: actorOf(subject),
    platform: 'api',
    action: what.action,
    item: what.item ?? null,
    ...(what.servers ? { servers: what.servers } : {}),
    ...(what.parameters ? { parameters: what.parameters } : {}),
    outcome,
    ...(detail === undefined ? {} : { detail }),
    at: ctx.now(),
  });
}

/** Passes an allowed decision; records and answers a refusal. */
export async function allow(
  ctx: HttpContext,
  subject: Subject,
  decision: Decision,
  what: AuditWhat,
): Promise<void> {
  if (decision.ok) return;
  await audit(ctx, subject, what, 'refused', decision.reason);
  throw new ApiError(403, 'forbidden', decision.reason);
}

/** Items that need an approver's yes: only chat can ask for one, so here only admins pass. */
export async function allowApproved(
  ctx: HttpContext,
  subject: Subject,
  item: CatalogItem,
  what: AuditWhat,
): Promise<void> {
  if (ctx.access.needsApproval(item) && !ctx.access.isAdmin(subject)) {
    const reason = `${item.name} needs an approver's yes: request it from chat, where one can`;
    await allow(ctx, subject, { ok: false, reason }, what);
  }
}

/** The run right, and approval. */
export async function allowRun(
  ctx: HttpContext,
  subject: Subject,
  item: CatalogItem,
  what: AuditWhat,
): Promise<void> {
  await allow(ctx, subject, ctx.access.can(subject, 'run'), what);
  await allowApproved(ctx, subject, item, what);
}

/** allowRun, then the per-user limit on starting `count` runs. */
export async function allowStart(
  ctx: HttpContext,
  subject: Subject,
  item: CatalogItem,
  what: AuditWhat,
  count: number,
): Promise<void> {
  await allowRun(ctx, subject, item, what);
  const limit = ctx.access.rateLimit;
  const rate = await checkRunRate(ctx.app.store.db, actorOf(subject), count, limit, ctx.now());
  if (rate.ok) return;
  await audit(ctx, subject, what, 'refused', rate.reason);
  throw new ApiError(429, 'rate_limited', rate.reason);
}
