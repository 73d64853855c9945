/** `/jobs schedules`: each schedule with its next run, and pause, resume, delete. */
import type { ScheduleSummary } from '../../scheduler/summary.js';
import { inZone } from '../format.js';
import { audit, refusal, subjectOf } from '../guard.js';
import { type Screen, screen } from '../screen.js';
import type { Turn } from '../turn.js';

function line(s: ScheduleSummary): string {
  const next = s.enabled
    ? s.nextRunAt
      ? `next ${inZone(s.nextRunAt, s.timezone)}`
      : 'no more runs'
    : 'paused';
  const what = `${s.name} on ${s.servers.join(', ')}`;
  const mark = s.enabled ? '▶️' : '⏸️';
  return `#${s.id} ${mark} ${what}: ${s.description} (${s.timezone}), ${next}`;
}

export async function schedulesScreen(turn: Turn): Promise<Screen> {
  const all = await turn.deps.scheduler.list();
  const empty = `No schedules yet. Start one with \`/${turn.deps.commandName} new\`.`;
  return screen('Schedules', {
    emoji: '🗓️',
    sections: [{ text: all.length > 0 ? all.map(line).join('\n') : empty }],
    choices:
      all.length > 0
        ? {
            action: 'sched.open',
            value: '',
            placeholder: 'Manage a schedule',
            choices: all.slice(0, 25).map((s) => ({
              value: String(s.id),
              label: `#${s.id} ${s.name}`,
              description: s.enabled ? s.description : 'paused',
            })),
          }
        : undefined,
    footer: all.length > 25 ? `The menu shows 25 of ${all.length}` : undefined,
    placement: 'new',
  });
}

export function scheduleScreen(s: ScheduleSummary): Screen {
  const id = String(s.id);
  const toggle = s.enabled
    ? { label: 'Pause', action: 'sched.pause', value: id }
    : { label: 'Resume', action: 'sched.resume', value: id, style: 'primary' as const };
  return screen(`Schedule #${s.id}: ${s.name}`, {
    emoji: s.enabled ? '▶️' : '⏸️',
    sections: [{ text: line(s) }],
    fields: [
      { label: 'Cron', value: s.cron },
      { label: 'Time zone', value: s.timezone },
      { label: 'Missed runs', value: s.missedPolicy },
    ],
    buttons: [
      toggle,
      {
        label: 'Delete',
        action: 'sched.delete',
        value: id,
        style: 'danger',
        confirm: {
          title: 'Delete schedule?',
          text: `Delete schedule #${s.id} (${s.name})? Past runs stay in history.`,
          confirm: 'Delete',
          deny: 'Keep',
        },
      },
      { label: 'All schedules', action: 'sched.list', value: '' },
    ],
    placement: 'replace',
  });
}

async function find(turn: Turn, id: number): Promise<ScheduleSummary | undefined> {
  return (await turn.deps.scheduler.list()).find((s) => s.id === id);
}

type Change = 'schedule.pause' | 'schedule.resume' | 'schedule.delete';
const CHANGES = new Map<string, Change>([
  ['pause', 'schedule.pause'],
  ['resume', 'schedule.resume'],
  ['delete', 'schedule.delete'],
]);

export async function scheduleAction(turn: Turn, verb: string, id: string): Promise<Screen> {
  const n = Number(id);
  const found = await find(turn, n);
  if (!found) {
    return screen(`No schedule #${id}`, {
      sections: [{ text: 'It may have been deleted.' }],
      placement: 'new',
    });
  }
  const action = CHANGES.get(verb);
  if (!action) return scheduleScreen(found);
  const facts = { action, itemName: found.item, servers: found.servers };
  const may = turn.deps.access.can(subjectOf(turn), 'schedule');
  if (!may.ok) return refusal(turn, `You may not change schedule #${n}`, may, facts);
  if (verb === 'delete') await turn.deps.scheduler.remove(n);
  if (verb === 'pause') await turn.deps.scheduler.pause(n);
  if (verb === 'resume') await turn.deps.scheduler.resume(n);
  await audit(turn, { ...facts, outcome: 'ok', detail: `schedule #${n} (${found.name})` });
  if (verb === 'delete') {
    return screen(`Deleted schedule #${n}`, {
      sections: [{ text: `${found.name} will not run again.` }],
      placement: 'replace',
    });
  }
  return scheduleScreen((await find(turn, n)) ?? found);
}
