/** What a caller asks the runner for, and the `queued` row that records it. */
import { hostname } from 'node:os';
import type { ParamValues } from '../catalog/params.js';
import { maskParameters } from '../catalog/render.js';
import type { CatalogItem } from '../catalog/schema.js';
import { json } from '../store/db.js';
import type { NewRun, Run, RunTrigger } from '../store/tables.js';

export interface RunRequest {
  item: CatalogItem;
  server: string;
  values: ParamValues;
  actor: string;
  trigger: RunTrigger;
  definitionId?: number | undefined;
  scheduleId?: number | undefined;
  dueAt?: number | undefined;
  parentRunId?: number | undefined;
  timeoutSeconds?: number | undefined;
  /** Where the run's chat thread is; stored as JSON. */
  thread?: unknown;
  /** Channels to notify whatever the outcome (`run --notify`). */
  notifyChannels?: string[] | undefined;
  /** The multi-server run this run belongs to (its group notifies, not the run). */
  groupId?: number | undefined;
  /** The workflow run and step this run is part of. */
  workflowRunId?: number | undefined;
  step?: string | undefined;
}

export type RunEvent =
  | { type: 'queued' | 'started'; run: Run }
  | { type: 'output'; runId: number; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'finished'; run: Run };

/** This process, as the `owner` of the runs it executes. */
export const OWNER = `${hostname()}:${process.pid}`;

export function queuedRow(request: RunRequest, display: string, now: number): NewRun {
  return {
    item_name: request.item.name,
    definition_id: request.definitionId ?? null,
    schedule_id: request.scheduleId ?? null,
    server_name: request.server,
    parameters: json.encode(maskParameters(request.item, request.values)),
    actor: request.actor,
    trigger: request.trigger,
    status: 'queued',
    attempts: 0,
    command: display,
    queued_at: now,
    output_head: '',
    output_tail: '',
    output_bytes: 0,
    thread: request.thread === undefined ? null : json.encode(request.thread),
    parent_run_id: request.parentRunId ?? null,
    due_at: request.dueAt ?? null,
    notify_channels: request.notifyChannels ? json.encode(request.notifyChannels) : null,
    group_id: request.groupId ?? null,
    workflow_run_id: request.workflowRunId ?? null,
    step: request.step ?? null,
    owner: OWNER,
  };
}

/** Whether the `owner` of a run is a live process other than this one on this machine. */
export function ownerAlive(owner: string | null): boolean {
  if (!owner || owner === OWNER) return false;
  const at = owner.lastIndexOf(':');
  if (owner.slice(0, at) !== hostname()) return false;
  try {
    process.kill(Number(owner.slice(at + 1)), 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
