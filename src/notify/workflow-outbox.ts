/** A workflow run's one notification: its overall status and a line per step, at its end. */

import type { Transaction } from 'kysely';
import { json } from '../store/db.js';
import type { Database, RunStatus, WorkflowRun } from '../store/tables.js';
import { statusEmoji } from './group-outbox.js';
import type { NotificationMessage } from './message.js';
import type { NotifyDeps } from './outbox.js';
import { writeOutboxRow } from './outbox-row.js';
import type { NotifyOn } from './policies.js';
import { kindOf, statusLook } from './status.js';

export interface StepSummary {
  name: string;
  item: string;
  status: string;
  servers: ReadonlyArray<{ server: string; status: string; exitCode?: number | null }>;
  successCount: number;
  error: string | null;
}

export interface WorkflowSummary {
  displayName: string;
  /** The workflow's own notification setting (`notify:` in its file). */
  on: NotifyOn;
  channels: readonly string[];
  steps: readonly StepSummary[];
}

const HEADLINE: Record<string, string> = {
  success: 'succeeded',
  failure: 'FAILED',
  cancelled: 'was cancelled',
  interrupted: 'was interrupted',
};

/** `✅ build: disk_usage on web1, web2 (2 of 2)` or `▫️ rollback: not run`. */
export function stepLine(step: StepSummary): string {
  const emoji = statusEmoji(step.status);
  if (step.status === 'not run' || step.status === 'pending')
    return `${emoji} ${step.name}: ${step.status === 'pending' ? 'waiting' : 'not run'}`;
  if (step.error) return `${emoji} ${step.name}: ${step.item} did not start: ${step.error}`;
  const names = step.servers.map((s) => s.server).join(', ');
  const failed = step.servers.find((s) => s.status !== 'success' && s.exitCode != null);
  const exit = failed ? `; exit ${failed.exitCode} on ${failed.server}` : '';
  const count = `${step.successCount} of ${step.servers.length}`;
  return `${emoji} ${step.name}: ${step.item} on ${names} (${count}${exit})`;
}

export function workflowMessage(run: WorkflowRun, summary: WorkflowSummary): NotificationMessage {
  const status = run.status as RunStatus;
  const title = `Workflow ${summary.displayName} ${HEADLINE[run.status] ?? run.status}`;
  const body = [
    `${statusLook(status).emoji} Workflow run #${run.id}, by ${run.actor} (${run.trigger}).`,
    ...summary.steps.map(stepLine),
  ].join('\n');
  const failed = kindOf(status) === 'failure';
  return {
    title,
    body,
    tags: [statusLook(status).shortcode],
    priority: failed ? 4 : 3,
    click: '',
    actions: [],
    markdown: false,
  };
}

/** Records the workflow run's notifications; answers how many outbox rows it wrote. */
export async function enqueueForWorkflow(
  trx: Transaction<Database>,
  run: WorkflowRun,
  summary: WorkflowSummary,
  deps: NotifyDeps,
): Promise<number> {
  const kind = kindOf(run.status as RunStatus);
  if (!kind) return 0;
  const wanted = summary.on === 'both' || summary.on === kind ? summary.channels : [];
  const named = json.decode<string[]>(run.notify_channels, []);
  const hasThread = run.thread !== null;
  const channels = [...new Set([...wanted, ...named])].filter((c) =>
    deps.deliveries.wants(c, hasThread),
  );
  const now = (deps.now ?? Date.now)();
  let written = 0;
  for (const channel of channels) {
    const message = workflowMessage(run, summary);
    const configured = deps.deliveries.channel(channel)?.priority ?? 3;
    message.priority = kind === 'failure' ? Math.max(configured, 4) : configured;
    const payload = deps.deliveries.prepare(channel, message);
    const key = `workflow:${run.id}:${channel}`;
    written += await writeOutboxRow(trx, { runId: null, channel, key, payload, now });
  }
  return written;
}
