/** The wizard's answers checked all at once: every problem per field, as step 1-5 would show. */
import { z } from 'zod';
import { type ParamValues, validateParameters } from '../catalog/params.js';
import type { CatalogItem } from '../catalog/schema.js';
import type { Subject } from '../jobs/access.js';
import { describeCron } from '../scheduler/describe.js';
import { checkChannels, checkServers, usableItem } from './checks.js';
import type { HttpContext } from './context.js';
import { ApiError, invalidInput } from './errors.js';

export const scheduleInput = z
  .object({
    kind: z.enum(['now', 'cron']).default('now'),
    cron: z.string().min(1).optional().describe('five fields, or @hourly, @daily, @weekly…'),
    timezone: z.string().min(1).optional().describe('IANA zone; the configured one by default'),
  })
  .strict()
  .prefault({});

export const notifyInput = z
  .object({
    on_success: z.boolean().default(false),
    on_failure: z.boolean().default(true),
    channels: z.array(z.string().min(1)).default([]),
  })
  .strict()
  .prefault({});

export const wizardBody = z
  .object({
    item: z.string().min(1),
    servers: z.array(z.string().min(1)).max(50).default([]),
    parameters: z.record(z.string(), z.unknown()).default({}),
    schedule: scheduleInput,
    notify: notifyInput,
    name: z.string().min(1).max(200).optional(),
    confirm: z.boolean().optional().describe('required to run dangerous items now'),
  })
  .strict();

export type WizardBody = z.output<typeof wizardBody>;

export interface Reviewed {
  item: CatalogItem;
  values: ParamValues;
  servers: string[];
  /** Set when the schedule is a cron: the expression, its zone, words and next runs. */
  cron?: { expr: string; timezone: string; description: string; next: Date[] };
}

async function serverFields(
  ctx: HttpContext,
  subject: Subject,
  item: CatalogItem,
  names: string[],
) {
  try {
    await checkServers(ctx, subject, item, names);
    return {};
  } catch (error) {
    if (error instanceof ApiError && error.fields && error.status !== 403) return error.fields;
    throw error;
  }
}

function scheduleFields(ctx: HttpContext, item: CatalogItem, body: WizardBody) {
  const fields: Record<string, string> = {};
  if (body.schedule.kind === 'now') return { fields };
  const timezone = body.schedule.timezone ?? ctx.app.config.timezone;
  const expr = body.schedule.cron;
  if (!expr) return { fields: { 'schedule.cron': 'a cron schedule needs an expression' } };
  const described = describeCron(expr, timezone, 3);
  if (!described.ok) fields['schedule.cron'] = described.error;
  const secrets = item.parameters.filter((p) => p.type === 'secret').map((p) => p.name);
  if (secrets.length > 0) {
    fields.schedule = `cannot schedule: it takes a secret (${secrets.join(', ')}), never stored`;
  }
  if (!described.ok) return { fields };
  const { description, next } = described;
  return { fields, cron: { expr: expr.trim(), timezone, description, next } };
}

function channelFields(ctx: HttpContext, channels: string[]): Record<string, string> {
  try {
    checkChannels(ctx, channels, 'notify.channels');
    return {};
  } catch (error) {
    if (error instanceof ApiError && error.fields) return error.fields;
    throw error;
  }
}

/** Everything checked; one 400 listing every field in trouble, or the reviewed answers. */
export async function review(
  ctx: HttpContext,
  subject: Subject,
  body: WizardBody,
): Promise<Reviewed> {
  const item = await usableItem(ctx, subject, body.item);
  const fields: Record<string, string> = {};
  const checked = validateParameters(item, body.parameters);
  if (!checked.ok) {
    for (const [name, message] of Object.entries(checked.errors)) {
      fields[`parameters.${name}`] = message;
    }
  }
  const servers = [...new Set(body.servers)];
  if (servers.length === 0) fields.servers = 'choose at least one server';
  else Object.assign(fields, await serverFields(ctx, subject, item, servers));
  const schedule = scheduleFields(ctx, item, body);
  Object.assign(fields, schedule.fields, channelFields(ctx, body.notify.channels));
  if (Object.keys(fields).length > 0 || !checked.ok) throw invalidInput(fields);
  return { item, values: checked.values, servers, ...(schedule.cron && { cron: schedule.cron }) };
}
