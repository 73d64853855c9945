/** The wizard's last step: store the definition, then run it now or schedule it. */
import type { CatalogItem } from '../../catalog/schema.js';
import { inZone, itemLabel } from '../format.js';
import type { Values } from '../ports.js';
import { screen } from '../screen.js';
import { runOrConfirm } from '../start-run.js';
import type { Turn } from '../turn.js';
import { cronOf } from './schedule-choice.js';
import type { WizardSessions, WizardState } from './sessions.js';

export async function createFromWizard(
  turn: Turn,
  sessions: WizardSessions,
  state: WizardState,
  item: CatalogItem,
  values: Values,
): Promise<void> {
  const servers = state.data.servers ?? [];
  const notify = state.data.notify ?? { onFailure: true, onSuccess: false, channels: [] };
  const definitionId = await turn.deps.definitions.create({
    name: `${item.name} on ${servers.join(', ')}`,
    item,
    values,
    servers,
    createdBy: turn.actor,
    platform: turn.interaction.actor.platform,
    channelId: turn.interaction.place.channelId ?? null,
    notify,
  });
  const choice = state.data.schedule ?? { kind: 'now', timezone: turn.deps.timezone };
  if (choice.kind === 'now') {
    await runOrConfirm(turn, sessions, { item, servers, values, trigger: 'manual', definitionId });
    return;
  }
  const cron = cronOf(choice);
  const schedule = await turn.deps.scheduler.add({
    definitionId,
    name: `${item.display_name} on ${servers.join(', ')}`,
    cron,
    timezone: choice.timezone,
    createdBy: turn.actor,
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
        {
          label: 'Notify',
          value:
            `${notify.onFailure ? 'on failure' : ''}${notify.onFailure && notify.onSuccess ? ', ' : ''}${notify.onSuccess ? 'on success' : ''}` ||
            'never',
        },
      ],
      buttons: [
        { label: 'Pause', action: 'sched.pause', value: String(schedule.id) },
        { label: 'All schedules', action: 'sched.list', value: '' },
      ],
      visibility: 'channel',
      placement: 'replace',
    }),
  );
}
