/** A job definition's notification policy: when, where, and with which templates it notifies. */
import type { Kysely, Transaction } from 'kysely';
import type { CatalogItem } from '../catalog/schema.js';
import { JobdeckError } from '../errors.js';
import { json } from '../store/db.js';
import type { Database, NotificationPoliciesTable } from '../store/tables.js';
import type { NotifyKind } from './status.js';
import { allowedVariables, validateTemplate } from './templates.js';

export type NotifyOn = 'success' | 'failure' | 'both' | 'never';
export type TemplateField = 'success_title' | 'success_body' | 'failure_title' | 'failure_body';

export interface NotificationPolicy {
  definitionId: number;
  on: NotifyOn;
  /** Channel names, as configured under notifications.channels. */
  channels: string[];
  templates: Partial<Record<TemplateField, string>>;
  includeOutput: boolean;
  outputMaxLines: number;
  tags: Partial<Record<NotifyKind, string[]>>;
  priority: Partial<Record<NotifyKind, number>>;
}

type Reader = Kysely<Database> | Transaction<Database>;
type PolicyRow = Omit<NotificationPoliciesTable, 'id'>;

export const TEMPLATE_FIELDS: readonly TemplateField[] = [
  'success_title',
  'success_body',
  'failure_title',
  'failure_body',
];

/** Whether a run that ended as `kind` notifies under this policy. */
export function policyWants(policy: NotificationPolicy, kind: NotifyKind): boolean {
  return policy.on === 'both' || policy.on === kind;
}

/** Every problem with a policy, per field; empty when it may be saved. */
export function validatePolicy(
  policy: NotificationPolicy,
  item: Pick<CatalogItem, 'parameters'>,
  knownChannels?: readonly string[],
): Record<string, string> {
  const errors: Record<string, string> = {};
  const allowed = allowedVariables(item);
  for (const field of TEMPLATE_FIELDS) {
    const text = policy.templates[field];
    if (text === undefined) continue;
    const check = validateTemplate(text, allowed);
    if (!check.ok) errors[`${field}_template`] = check.error;
  }
  for (const kind of ['success', 'failure'] as const) {
    const priority = policy.priority[kind];
    if (priority !== undefined && !(Number.isInteger(priority) && priority >= 1 && priority <= 5)) {
      errors[`${kind}_priority`] = 'Priority must be a whole number from 1 (min) to 5 (max)';
    }
  }
  const unknown = knownChannels ? policy.channels.filter((c) => !knownChannels.includes(c)) : [];
  if (unknown.length > 0) {
    const configured = knownChannels?.join(', ') || 'none';
    errors.channels = `unknown channel ${unknown.join(', ')}; configured: ${configured}`;
  }
  if (!Number.isInteger(policy.outputMaxLines) || policy.outputMaxLines < 1) {
    errors.output_max_lines = 'Output lines must be a whole number of at least 1';
  }
  return errors;
}

function toRow(policy: NotificationPolicy): PolicyRow {
  const t = policy.templates;
  const encodeTags = (tags: string[] | undefined) => (tags ? json.encode(tags) : null);
  return {
    definition_id: policy.definitionId,
    on_success: policy.on === 'success' || policy.on === 'both' ? 1 : 0,
    on_failure: policy.on === 'failure' || policy.on === 'both' ? 1 : 0,
    channels: json.encode(policy.channels),
    success_title_template: t.success_title ?? null,
    success_body_template: t.success_body ?? null,
    failure_title_template: t.failure_title ?? null,
    failure_body_template: t.failure_body ?? null,
    include_output: policy.includeOutput ? 1 : 0,
    output_max_lines: policy.outputMaxLines,
    success_tags: encodeTags(policy.tags.success),
    failure_tags: encodeTags(policy.tags.failure),
    success_priority: policy.priority.success ?? null,
    failure_priority: policy.priority.failure ?? null,
  };
}

function fromRow(row: PolicyRow): NotificationPolicy {
  const templates: NotificationPolicy['templates'] = {};
  for (const field of TEMPLATE_FIELDS) {
    const text = row[`${field}_template`];
    if (text !== null) templates[field] = text;
  }
  const on = row.on_success && row.on_failure ? 'both' : row.on_success ? 'success' : 'failure';
  const tags: NotificationPolicy['tags'] = {};
  if (row.success_tags !== null) tags.success = json.decode<string[]>(row.success_tags, []);
  if (row.failure_tags !== null) tags.failure = json.decode<string[]>(row.failure_tags, []);
  const priority: NotificationPolicy['priority'] = {};
  if (row.success_priority !== null) priority.success = row.success_priority;
  if (row.failure_priority !== null) priority.failure = row.failure_priority;
  return {
    definitionId: row.definition_id,
    on: row.on_success || row.on_failure ? on : 'never',
    channels: json.decode<string[]>(row.channels, []),
    templates,
    includeOutput: row.include_output === 1,
    outputMaxLines: row.output_max_lines,
    tags,
    priority,
  };
}

/** Validates then stores (replacing) the definition's policy; throws `template_invalid`. */
export async function savePolicy(
  db: Reader,
  policy: NotificationPolicy,
  item: Pick<CatalogItem, 'parameters'>,
  knownChannels?: readonly string[],
): Promise<void> {
  const errors = validatePolicy(policy, item, knownChannels);
  const details = Object.entries(errors).map(([field, message]) => `${field}: ${message}`);
  if (details.length > 0) {
    const templates = Object.keys(errors).some((field) => field.endsWith('_template'));
    const code = templates ? 'template_invalid' : 'input_invalid';
    const message = `notification policy refused: ${details.join('; ')}`;
    throw new JobdeckError(code, message, { details });
  }
  const row = toRow(policy);
  const { definition_id: _, ...update } = row;
  await db
    .insertInto('notification_policies')
    .values(row)
    .onConflict((oc) => oc.column('definition_id').doUpdateSet(update))
    .execute();
}

export async function getPolicy(
  db: Reader,
  definitionId: number,
): Promise<NotificationPolicy | undefined> {
  const row = await db
    .selectFrom('notification_policies')
    .selectAll()
    .where('definition_id', '=', definitionId)
    .executeTakeFirst();
  return row ? fromRow(row) : undefined;
}
