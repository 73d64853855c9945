/** Typed rows of every table: what kysely checks queries against. Times are epoch milliseconds. */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

import type {
  GroupStatus,
  RunGroupsTable,
  RunStatus,
  RunsTable,
  RunTrigger,
  WorkflowRunsTable,
  WorkflowsTable,
} from './run-tables.js';

/** JSON stored as text; encode with JSON.stringify, decode with JSON.parse. */
type Json = string;
type Flag = number;

export type {
  GroupStatus,
  RunGroupsTable,
  RunStatus,
  RunsTable,
  RunTrigger,
  WorkflowRunsTable,
  WorkflowsTable,
};

export interface SettingsTable {
  key: string;
  value: string;
}

export interface CategoriesTable {
  name: string;
  display_name: string;
  description: string;
  icon: string | null;
  emoji: string | null;
  color: string | null;
  sort_order: number;
  system: Flag;
}

export interface CatalogItemsTable {
  id: Generated<number>;
  name: string;
  display_name: string;
  description: string;
  category: string;
  difficulty: 'basic' | 'intermediate' | 'advanced';
  /** The whole validated item as JSON. */
  definition: Json;
  /** 1 for items shipped in catalog/ (not editable in place). */
  system: Flag;
  enabled: Flag;
  /** The file it was loaded from, or 'chat'/'api' for user items created there. */
  source: string;
  sort_order: number;
  created_at: number;
  updated_at: number;
}

export interface FavoritesTable {
  id: Generated<number>;
  /** `platform:user` for a personal favourite, `team` for an admin's pin. */
  owner: string;
  item_name: string;
  created_at: number;
}

export interface ServersTable {
  name: string;
  host: string;
  port: number;
  user: string | null;
  transport: 'ssh' | 'local';
  labels: Json;
  /** The trusted host key fingerprint recorded by `servers trust`. */
  host_key: string | null;
  distro: string | null;
  distro_version: string | null;
  reachable: Flag | null;
  last_error: string | null;
  probed_at: number | null;
  updated_at: number;
}

export interface ServerCapabilitiesTable {
  server_name: string;
  capability: string;
  source: 'probe' | 'config';
  detected_at: number;
}

export interface JobDefinitionsTable {
  id: Generated<number>;
  name: string;
  item_name: string;
  /** Parameter values; secret values are never stored. */
  parameters: Json;
  /** Server names, in the order chosen. */
  servers: Json;
  overlap: 'allow' | 'skip' | 'queue';
  timeout: number | null;
  created_by: string;
  platform: string;
  channel_id: string | null;
  enabled: Flag;
  created_at: number;
  updated_at: number;
}

export interface SchedulesTable {
  id: Generated<number>;
  definition_id: number;
  name: string;
  cron: string;
  timezone: string;
  enabled: Flag;
  missed_policy: 'skip' | 'run-once';
  missed_max_age: number;
  /** The last due time acted on; written before its run starts. */
  last_due_at: number | null;
  next_run_at: number | null;
  last_missed: Json | null;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export interface NotificationChannelsTable {
  name: string;
  type: 'ntfy' | 'chat';
  /** The channel's settings with secrets as references (`token_env`), never values. */
  config: Json;
  system: Flag;
  updated_at: number;
}

export interface NotificationPoliciesTable {
  id: Generated<number>;
  definition_id: number;
  on_success: Flag;
  on_failure: Flag;
  channels: Json;
  success_title_template: string | null;
  success_body_template: string | null;
  failure_title_template: string | null;
  failure_body_template: string | null;
  include_output: Flag;
  output_max_lines: number;
  success_tags: Json | null;
  failure_tags: Json | null;
  success_priority: number | null;
  failure_priority: number | null;
}

export interface OutboxTable {
  id: Generated<number>;
  run_id: number | null;
  channel: string;
  /** `run:channel`: one notification per run and channel. */
  dedupe_key: string;
  payload: Json;
  status: 'pending' | 'sent' | 'abandoned';
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

export interface WizardSessionsTable {
  id: string;
  owner: string;
  platform: string;
  channel_id: string | null;
  step: string;
  data: Json;
  created_at: number;
  updated_at: number;
  expires_at: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: number;
  actor: string;
  platform: string;
  channel_id: string | null;
  action: string;
  item_name: string | null;
  servers: Json | null;
  parameters: Json | null;
  outcome: string;
  detail: string | null;
}

export interface ProcessedInteractionsTable {
  id: string;
  at: number;
}

/** A job definition's webhook trigger; its secret is an env reference or derived, never stored. */
export interface WebhooksTable {
  definition_id: number;
  /** The variable holding the secret; null when the secret is derived from the link key. */
  secret_env: string | null;
  /** Random salt the derived secret is computed from; a new salt rotates the secret. */
  salt: string | null;
  /** Parameter names a delivery's JSON body may override. */
  params: Json;
  created_by: string;
  created_at: number;
}

/** Single-use link nonces and webhook signatures already seen, kept until they expire. */
export interface UsedTokensTable {
  key: string;
  used_at: number;
  expires_at: number;
}

export interface Database {
  settings: SettingsTable;
  categories: CategoriesTable;
  catalog_items: CatalogItemsTable;
  favorites: FavoritesTable;
  servers: ServersTable;
  server_capabilities: ServerCapabilitiesTable;
  job_definitions: JobDefinitionsTable;
  schedules: SchedulesTable;
  runs: RunsTable;
  run_groups: RunGroupsTable;
  workflows: WorkflowsTable;
  workflow_runs: WorkflowRunsTable;
  notification_channels: NotificationChannelsTable;
  notification_policies: NotificationPoliciesTable;
  outbox: OutboxTable;
  wizard_sessions: WizardSessionsTable;
  audit_log: AuditLogTable;
  processed_interactions: ProcessedInteractionsTable;
  webhooks: WebhooksTable;
  used_tokens: UsedTokensTable;
}

export type Run = Selectable<RunsTable>;
export type RunGroup = Selectable<RunGroupsTable>;
export type WorkflowRow = Selectable<WorkflowsTable>;
export type WorkflowRun = Selectable<WorkflowRunsTable>;
export type NewRun = Insertable<RunsTable>;
export type RunUpdate = Updateable<RunsTable>;
export type CatalogItemRow = Selectable<CatalogItemsTable>;
export type ServerRow = Selectable<ServersTable>;
export type JobDefinition = Selectable<JobDefinitionsTable>;
export type Schedule = Selectable<SchedulesTable>;
export type OutboxRow = Selectable<OutboxTable>;
export type WizardSession = Selectable<WizardSessionsTable>;
export type { ColumnType };
