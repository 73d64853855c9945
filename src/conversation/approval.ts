/** Asking for approval: the request with Approve and Deny, posted for the channel to see. */
import type { CatalogItem } from '../catalog/schema.js';
import { withoutSecrets } from '../jobs/definitions.js';
import type { RunTrigger } from '../store/tables.js';
import { type ApprovalRequest, createApproval, type PendingSchedule } from './approval-store.js';
import { itemLabel, valuesLine } from './format.js';
import { audit } from './guard.js';
import type { Values } from './ports.js';
import { type Screen, screen } from './screen.js';
import type { Turn } from './turn.js';
import { vault } from './wizard/vault.js';

export interface ApprovalAsk {
  kind: 'run' | 'schedule';
  item: CatalogItem;
  servers: string[];
  values: Values;
  trigger: RunTrigger;
  parentRunId?: number;
  definitionId?: number;
  schedule?: PendingSchedule;
}

function minutes(ms: number): string {
  const m = Math.max(1, Math.round(ms / 60_000));
  return m >= 120 && m % 60 === 0 ? `${m / 60} hours` : `${m} min`;
}

function scheduleText(turn: Turn, schedule: PendingSchedule | undefined): string {
  if (!schedule) return '';
  const described = turn.deps.cron.describe(schedule.cron, schedule.timezone, 1);
  const when = described.ok ? described.description : schedule.cron;
  return ` on a schedule: ${when} (${schedule.timezone})`;
}

function requestScreen(turn: Turn, ask: ApprovalAsk, request: ApprovalRequest): Screen {
  const verb = ask.kind === 'run' ? 'run' : 'schedule';
  const on = ask.servers.join(', ');
  const what = `${ask.item.display_name} on ${on}${scheduleText(turn, ask.schedule)}`;
  return screen(`Approval needed: ${itemLabel(ask.item)}`, {
    emoji: '🔐',
    tone: 'warning',
    sections: [
      {
        text: `${request.requesterName} asks to ${verb} ${what}.`,
      },
      { text: turn.deps.params.preview(ask.item, ask.values), code: true },
    ],
    fields: [
      { label: 'Parameters', value: valuesLine(turn.deps.params.mask(ask.item, ask.values)) },
      { label: 'Requested by', value: `${request.requesterName} (${request.requester})` },
      { label: 'Expires', value: `in ${minutes(request.expiresAt - turn.now())}` },
    ],
    buttons: [
      { label: 'Approve', action: 'appr.yes', value: request.id, style: 'primary' },
      { label: 'Deny', action: 'appr.no', value: request.id, style: 'danger' },
    ],
    footer: 'Someone with the approve permission, other than the requester, decides.',
    visibility: 'channel',
    placement: 'new',
  });
}

/** Stores the request (secrets in memory only), records it, and posts it in the channel. */
export async function requestApproval(turn: Turn, ask: ApprovalAsk): Promise<void> {
  const { actor, place } = turn.interaction;
  const request = await createApproval(
    turn.deps.db,
    {
      kind: ask.kind,
      item: ask.item.name,
      servers: ask.servers,
      values: withoutSecrets(ask.item, ask.values),
      trigger: ask.trigger,
      parentRunId: ask.parentRunId,
      definitionId: ask.definitionId,
      requester: turn.actor,
      requesterName: actor.displayName,
      platform: actor.platform,
      channelId: place.channelId ?? null,
      schedule: ask.schedule,
    },
    turn.now(),
    turn.deps.access.approvalExpiry,
  );
  vault.put(request.id, ask.values);
  await audit(turn, {
    action: 'approval.request',
    outcome: 'requested',
    item: ask.item,
    servers: ask.servers,
    values: ask.values,
    detail: `request ${request.id} to ${ask.kind}${scheduleText(turn, ask.schedule)}`,
  });
  await turn.show(requestScreen(turn, ask, request));
}

export type Verdict = 'approved' | 'denied' | 'expired';

/** The request message once decided: who decided, and what happens next. */
export function decidedScreen(request: ApprovalRequest, verdict: Verdict, by?: string): Screen {
  const verb = request.kind === 'run' ? 'Run' : 'Schedule';
  const what = `${verb} ${request.item} on ${request.servers.join(', ')}`;
  const next = request.kind === 'run' ? 'Starting now.' : 'Creating the schedule.';
  const text = {
    approved: `Approved by ${by}. ${next}`,
    denied: `Denied by ${by}. Nothing was run.`,
    expired: 'Nobody decided in time. Nothing was run; ask again if it is still needed.',
  }[verdict];
  return screen(`${what}: ${verdict}`, {
    emoji: { approved: '✅', denied: '🚫', expired: '⌛' }[verdict],
    sections: [{ text: `${text}\nRequested by ${request.requesterName} (${request.requester}).` }],
    visibility: 'channel',
    placement: 'replace',
  });
}
