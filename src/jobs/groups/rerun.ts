/** What a group's rows say about running it again: the new row, and a rerun of failed servers. */
import { validateParameters } from '../../catalog/params.js';
import { maskParameters } from '../../catalog/render.js';
import type { CatalogItem } from '../../catalog/schema.js';
import { JobdeckError } from '../../errors.js';
import type { RunRequest } from '../../runner/run-request.js';
import { OWNER } from '../../runner/run-request.js';
import { json } from '../../store/db.js';
import type { RunGroupsTable } from '../../store/tables.js';
import type { GroupView } from './group-store.js';

export interface GroupRequest extends Omit<RunRequest, 'server' | 'groupId'> {
  servers: string[];
  /** Servers that must succeed; all of them by default. */
  required?: number | undefined;
  maxParallel?: number | undefined;
  parentGroupId?: number | undefined;
  /** Record a group that could not start (its selector matched nothing), failed at once. */
  error?: string | undefined;
}

/** The `running` row a new group starts with. */
export function groupRow(request: GroupRequest, maxParallel: number, now: number) {
  const row: Omit<RunGroupsTable, 'id'> = {
    item_name: request.item.name,
    parameters: json.encode(maskParameters(request.item, request.values)),
    servers: json.encode(request.servers),
    required: Math.min(request.required ?? request.servers.length, request.servers.length),
    max_parallel: request.maxParallel ?? maxParallel,
    status: 'running',
    success_count: 0,
    failure_count: 0,
    results: null,
    error: request.error ?? null,
    actor: request.actor,
    trigger: request.trigger,
    thread: request.thread === undefined ? null : json.encode(request.thread),
    notify_channels: request.notifyChannels ? json.encode(request.notifyChannels) : null,
    owner: OWNER,
    definition_id: request.definitionId ?? null,
    workflow_run_id: request.workflowRunId ?? null,
    step: request.step ?? null,
    parent_group_id: request.parentGroupId ?? null,
    cancel_requested_at: null,
    created_at: now,
    finished_at: null,
  };
  return row;
}

/**
 * The same item and values on the servers that did not succeed. Secret values are never kept,
 * so an item that takes them is started again from its form instead.
 */
export function rerunRequest(
  view: GroupView,
  item: CatalogItem | undefined,
  who: { actor: string; thread?: unknown },
): GroupRequest {
  const { group } = view;
  if (group.status === 'running')
    throw new JobdeckError('conflict', `run group ${group.id} is still running`);
  const servers = view.servers.filter((s) => s.status !== 'success').map((s) => s.server);
  if (servers.length === 0)
    throw new JobdeckError('conflict', `every server of run group ${group.id} succeeded`);
  if (!item) throw new JobdeckError('item_unknown', `${group.item_name} left the catalog`);
  if (item.parameters.some((p) => p.type === 'secret'))
    throw new JobdeckError(
      'input_invalid',
      `${item.name} takes secret values, which are never kept; start it again with its form`,
    );
  const checked = validateParameters(item, json.decode(group.parameters, {}));
  if (!checked.ok)
    throw new JobdeckError('parameters_invalid', Object.values(checked.errors).join('; '));
  return {
    item,
    servers,
    values: checked.values,
    actor: who.actor,
    trigger: 'run-again',
    thread: who.thread,
    definitionId: group.definition_id ?? undefined,
    parentGroupId: group.id,
    maxParallel: group.max_parallel,
    notifyChannels: json.decode<string[] | undefined>(group.notify_channels, undefined),
  };
}
