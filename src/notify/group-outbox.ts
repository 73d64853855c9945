/** One notification for a multi-server run, written when the group ends, never one per server. */

import type { Transaction } from 'kysely';
import { json } from '../store/db.js';
import type { Database, Run, RunGroup, RunStatus } from '../store/tables.js';
import { buildContext, resolveRunUrl } from './context.js';
import { renderMessage } from './message.js';
import { type FinishHook, fallbackItem, type NotifyDeps } from './outbox.js';
import { writeOutboxRow } from './outbox-row.js';
import { getPolicy, policyWants } from './policies.js';
import { kindOf, statusLook } from './status.js';
import { durationHuman } from './text.js';

export type GroupFinishHook = (
  trx: Transaction<Database>,
  group: RunGroup,
  runs: Run[],
) => Promise<void>;

interface ServerLine {
  server: string;
  status: string;
  exitCode?: number | null;
  durationMs?: number | null;
  error?: string | null;
}

/** Runs of a group or a workflow notify through it, once; other runs notify as before. */
export function skipGroupedRuns(hook: FinishHook): FinishHook {
  return async function notifyUngrouped(trx, run) {
    if (run.group_id !== null || run.workflow_run_id !== null) return;
    await hook(trx, run);
  };
}

const RUN_STATUSES = new Set(['queued', 'running', 'success', 'failure', 'timeout', 'cancelled']);

/** The status emoji of a run status, or a blank square for a server that did not run. */
export function statusEmoji(status: string): string {
  const known = RUN_STATUSES.has(status) || status === 'interrupted' || status === 'skipped';
  return known ? statusLook(status as RunStatus).emoji : '▫️';
}

function serverLine(line: ServerLine): string {
  const emoji = statusEmoji(line.status);
  const exit = line.exitCode !== null && line.exitCode !== undefined && line.status !== 'success';
  const details = [
    exit ? `exit ${line.exitCode}` : '',
    line.durationMs ? durationHuman(line.durationMs) : '',
    line.status === 'not run' ? 'not run' : '',
    line.error && !exit ? line.error.split('\n')[0] : '',
  ].filter((d) => d !== '');
  return `${emoji} ${line.server}${details.length > 0 ? ` (${details.join(', ')})` : ''}`;
}

/** `4 of 5 servers succeeded`, then a line per server. */
export function groupSummary(group: RunGroup, servers?: readonly ServerLine[]): string {
  const lines = servers ?? json.decode<ServerLine[]>(group.results, []);
  const total = lines.length;
  const succeeded = lines.filter((line) => line.status === 'success').length;
  const head = `${succeeded} of ${total} server${total === 1 ? '' : 's'} succeeded`;
  const need = group.required < total ? ` (${group.required} needed)` : '';
  return [`${head}${need}.`, ...lines.map(serverLine)].join('\n');
}

/** A run-shaped record of the group, for a group that started no run at all. */
function standIn(group: RunGroup): Run {
  return {
    id: 0,
    item_name: group.item_name,
    definition_id: group.definition_id,
    schedule_id: null,
    server_name: '',
    parameters: group.parameters,
    actor: group.actor,
    trigger: group.trigger,
    status: 'failure',
    attempts: 0,
    attempt_log: '[]',
    exit_code: null,
    signal: null,
    error: group.error,
    command: null,
    queued_at: group.created_at,
    started_at: group.created_at,
    finished_at: group.finished_at,
    duration_ms: null,
    output_head: '',
    output_tail: '',
    output_bytes: 0,
    log_path: null,
    thread: group.thread,
    parent_run_id: null,
    due_at: null,
    notify_channels: null,
    owner: null,
    cancel_requested_at: null,
    group_id: group.id,
    workflow_run_id: group.workflow_run_id,
    step: group.step,
  };
}

/** Records the group's notifications; answers how many outbox rows it wrote. */
export async function enqueueForGroup(
  trx: Transaction<Database>,
  group: RunGroup,
  runs: Run[],
  deps: NotifyDeps,
): Promise<number> {
  const status = group.status as RunStatus;
  const kind = kindOf(status);
  if (!kind) return 0;
  const policy =
    group.definition_id === null ? undefined : await getPolicy(trx, group.definition_id);
  const chosen = policy && policyWants(policy, kind) ? policy.channels : [];
  const named = json.decode<string[]>(group.notify_channels, []);
  const hasThread = group.thread !== null;
  const channels = [...new Set([...chosen, ...named])].filter((c) =>
    deps.deliveries.wants(c, hasThread),
  );
  if (channels.length === 0) return 0;

  const item = deps.item(group.item_name) ?? fallbackItem(group.item_name);
  const sample = runs.find((r) => r.status !== 'success') ?? runs[0] ?? standIn(group);
  const servers = json.decode<string[]>(group.servers, []).join(', ');
  const context = {
    ...buildContext({
      run: { ...sample, status, thread: group.thread ?? sample.thread },
      item,
      server: { name: servers, hostname: servers },
      scheduleName: null,
      timezone: deps.timezone,
      runUrl: sample.id > 0 ? resolveRunUrl(sample, deps.runPageUrl) : '',
      outputLines: policy?.outputMaxLines,
    }),
    server_count: group.success_count + group.failure_count,
    success_count: group.success_count,
    failure_count: group.failure_count,
  };
  const now = (deps.now ?? Date.now)();
  let written = 0;
  for (const channel of channels) {
    const channelPriority = deps.deliveries.channel(channel)?.priority;
    const rendered = renderMessage({ kind, status, item, policy, context, channelPriority });
    for (const problem of rendered.problems) deps.logger?.warn({ groupId: group.id }, problem);
    const message = {
      ...rendered.message,
      body: `${rendered.message.body}\n\n${groupSummary(group)}`.trim(),
    };
    const payload = deps.deliveries.prepare(channel, message);
    const runId = sample.id > 0 ? sample.id : null;
    const key = `group:${group.id}:${channel}`;
    written += await writeOutboxRow(trx, { runId, channel, key, payload, now });
  }
  return written;
}

/** The group finish hook: standalone groups notify; a workflow's steps notify through it. */
export function groupNotifyHook(deps: NotifyDeps): GroupFinishHook {
  return async function enqueueGroupNotifications(trx, group, runs) {
    if (group.workflow_run_id !== null) return;
    try {
      await enqueueForGroup(trx, group, runs, deps);
    } catch (error) {
      deps.logger?.error({ groupId: group.id, err: error }, 'group notification not recorded');
    }
  };
}
