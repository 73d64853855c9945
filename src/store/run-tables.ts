/** Typed rows of the run tables: runs, run groups, workflows. Times are epoch milliseconds. */
import type { Generated } from 'kysely';

/** JSON stored as text; encode with JSON.stringify, decode with JSON.parse. */
type Json = string;
type Flag = number;

export type RunStatus =
  | 'queued'
  | 'running'
  | 'success'
  | 'failure'
  | 'timeout'
  | 'cancelled'
  | 'interrupted'
  | 'skipped';

export type RunTrigger = 'manual' | 'schedule' | 'run-again' | 'api' | 'webhook';

export interface RunsTable {
  id: Generated<number>;
  item_name: string;
  definition_id: number | null;
  schedule_id: number | null;
  server_name: string;
  /** Parameter values with secrets masked. */
  parameters: Json;
  actor: string;
  trigger: RunTrigger;
  status: RunStatus;
  attempts: number;
  /** One entry per ended attempt (runner/attempt.ts AttemptRecord); JSON list. */
  attempt_log: Generated<Json>;
  exit_code: number | null;
  signal: string | null;
  error: string | null;
  command: string | null;
  queued_at: number;
  started_at: number | null;
  finished_at: number | null;
  duration_ms: number | null;
  output_head: string;
  output_tail: string;
  output_bytes: number;
  log_path: string | null;
  /** Where the run's chat thread is: {platform, channel, thread, message}. */
  thread: Json | null;
  parent_run_id: number | null;
  due_at: number | null;
  /** Channels named at submit (`run --notify`), notified whatever the outcome; JSON list. */
  notify_channels: Json | null;
  /** `host:pid` of the process running it, so a restart leaves other live processes' runs. */
  owner: string | null;
  /** Set by `jobdeck runs cancel` in another process; the owner polls for it. */
  cancel_requested_at: number | null;
  /** The multi-server run (run_groups.id) this run belongs to. */
  group_id: number | null;
  /** The workflow run this run is a step of, and the step's name. */
  workflow_run_id: number | null;
  step: string | null;
}

export type GroupStatus = 'running' | 'success' | 'failure' | 'cancelled' | 'interrupted';

/** One item run on several servers at once, as one result. */
export interface RunGroupsTable {
  id: Generated<number>;
  item_name: string;
  /** Parameter values with secrets masked. */
  parameters: Json;
  /** Server names, in the order chosen. */
  servers: Json;
  /** Servers that must succeed for the group to succeed. */
  required: number;
  max_parallel: number;
  status: GroupStatus;
  success_count: number;
  failure_count: number;
  /** Written at the end: [{server, runId, status}] per server. */
  results: Json | null;
  /** Why the group could not start (a selector matching no server). */
  error: string | null;
  actor: string;
  trigger: RunTrigger;
  thread: Json | null;
  notify_channels: Json | null;
  owner: string | null;
  definition_id: number | null;
  workflow_run_id: number | null;
  step: string | null;
  /** The group this one reruns the failed servers of. */
  parent_group_id: number | null;
  cancel_requested_at: number | null;
  created_at: number;
  finished_at: number | null;
}

/** Workflow definitions read from catalog folders' workflows/ files. */
export interface WorkflowsTable {
  name: string;
  display_name: string;
  description: string;
  /** The whole validated workflow as JSON. */
  definition: Json;
  /** The file it was read from. */
  source: string;
  enabled: Flag;
  updated_at: number;
}

export interface WorkflowRunsTable {
  id: Generated<number>;
  workflow_name: string;
  /** The workflow as it was when this run started. */
  definition: Json;
  status: GroupStatus;
  actor: string;
  trigger: RunTrigger;
  thread: Json | null;
  notify_channels: Json | null;
  owner: string | null;
  error: string | null;
  cancel_requested_at: number | null;
  started_at: number;
  finished_at: number | null;
}
