/** The wizard's last step: store the definition, then run it now or schedule it. */
import type { CatalogItem } from '../../catalog/schema.js';
import { requestApproval } from '../approval.js';
import type { PendingSchedule } from '../approval-store.js';
import { inZone, itemLabel } from '../format.js';
import { audit, guardRun, guardSchedule, needsApprovalFrom } from '../guard.js';
import type { Values } from '../ports.js';
import { screen } from '../screen.js';
import { runOrConfirm } from '../start-run.js';
import type { Turn } from '../turn.js';
import { cronOf } from './schedule-choice.js';
import type { WizardSessions, WizardState } from './sessions.js';

type Notify = PendingSchedule['notify'];

async function define(
  turn: Turn,
  item: CatalogItem,
  values: Values,
  servers: string[],
  notify: Notify,
  createdBy = turn.actor,
): Promise<number> {
  return turn.deps.definitions.create({
    name: `${item.name} on ${servers.join(', ')}`,
    item,
    values,
    servers,
    createdBy,
    platform: turn.interaction.actor.platform,
    channelId: turn.interaction.place.channelId ?? null,
    notify,
  });
}

function notifyWords(notify: { onFailure: boolean; onSuccess: boolean }): string {
  const when = [notify.onFailure && 'on failure', notify.onSuccess && 'on success'];
  return when.filter(Boolean).join(', ') || 'never';
}

export async function createFromWizard(
  turn: Turn,
  sessions: WizardSessions,
  state: WizardState,
  item: CatalogItem,
  values: Values,
): Promise<void> {
  const servers = state.data.servers ?? [];
  const notify = state.data.notify ?? { onFailure: true, onSuccess: false, channels: [] };
  const choice = state.data.schedule ?? { kind: 'now', timezone: turn.deps.timezone };
  if (choice.kind === 'now') {
    if (!(await guardRun(turn, { item, servers, values }))) return;
    const definitionId = await define(turn, item, values, servers, notify);
    await runOrConfirm(turn, sessions, { item, servers, values, trigger: 'manual', definitionId });
    return;
  }
  if (!(await guardSchedule(turn, { item, servers, values }))) return;
  const schedule = { cron: cronOf(choice), timezone: choice.timezone, notify };
  if (needsApprovalFrom(turn, item)) {
    const ask = { item, servers, values, schedule, trigger: 'schedule' as const };
    return requestApproval(turn, { kind: 'schedule', ...ask });
  }
  await createSchedule(turn, { item, values, servers, schedule, createdBy: turn.actor });
}

export interface ScheduleOrder {
  item: CatalogItem;
  values: Values;
  servers: string[];
  schedule: PendingSchedule;
  /** `platform:user` of who asked for it (the requester, when it was approved). */
  createdBy: string;
}

/** Stores the definition and its schedule, records it, and says what was created. */
export async function createSchedule(
  turn: Turn,
  order: ScheduleOrder,
  placement: 'replace' | 'new' = 'replace',
): Promise<void> {
  const { item, servers, values, createdBy } = order;
  const { cron, notify } = order.schedule;
  const choice = { timezone: order.schedule.timezone };
  const definitionId = await define(turn, item, values, servers, notify, createdBy);
  const schedule = await turn.deps.scheduler.add({
    definitionId,
    name: `${item.display_name} on ${servers.join(', ')}`,
    cron,
    timezone: choice.timezone,
    createdBy,
  });
  await audit(turn, {
    action: 'schedule.create',
    outcome: 'ok',
    item,
    servers,
    values,
    actor: createdBy,
    detail: `schedule #${schedule.id}: ${cron} (${choice.timezone})`,
  });
  const described = turn.deps.cron.describe(cron, choice.timezone, 3);
  const when = described.ok ? described.description : cron;
  const next = described.ok ? described.next.map((d) => inZone(d, choice.timezone)).join('\n') : '';
  await turn.show(
    screen(`Scheduled: ${itemLabel(item)}`, {
      emoji: '🗓️',
      tone: 'success',
      sections: [
        { text: `${when} (${choice.timezone}), on ${servers.join(', ')}.` },
        { text: `Next runs:\n${next}` },
      ],
      fields: [
        { label: 'Schedule', value: `#${schedule.id}` },
        { label: 'Cron', value: cron },
        { label: 'Notify', value: notifyWords(notify) },
      ],
      buttons: [
        { label: 'Pause', action: 'sched.pause', value: String(schedule.id) },
        { label: 'All schedules', action: 'sched.list', value: '' },
      ],
      visibility: 'channel',
      placement,
    }),
  );
}
