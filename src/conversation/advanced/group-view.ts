/** A multi-server run in chat: one message, a line per server, then Run again on failed servers. */
import type { CatalogItem } from '../../catalog/schema.js';
import type { GroupView, ServerResult } from '../../jobs/groups/groups.js';
import { statusEmoji } from '../../notify/group-outbox.js';
import { humanDuration, itemLabel } from '../format.js';
import { audit } from '../guard.js';
import { type Button, type Screen, screen } from '../screen.js';
import type { RunPlan } from '../start-run.js';
import type { Turn } from '../turn.js';
import { followLive, threadOf } from './live.js';
import type { GroupsPort } from './ports.js';

const WORDS: Record<string, string> = {
  waiting: 'waiting',
  queued: 'queued',
  running: 'running',
  'not run': 'not run',
};

/** `✅ web1 · #12 · 2s` or `🕓 web3 · waiting`. */
export function serverLine(result: ServerResult): string {
  const parts = [`${statusEmoji(result.status)} ${result.server}`];
  if (result.runId !== null) parts.push(`#${result.runId}`);
  if (WORDS[result.status]) parts.push(WORDS[result.status] as string);
  else if (result.status !== 'success' && result.exitCode != null)
    parts.push(`${result.status}, exit ${result.exitCode}`);
  else if (result.status !== 'success') parts.push(result.error?.split('\n')[0] ?? result.status);
  if (result.durationMs) parts.push(humanDuration(result.durationMs));
  return parts.join(' · ');
}

export function groupScreen(view: GroupView, item: CatalogItem): Screen {
  const { group, servers } = view;
  const running = group.status === 'running';
  const succeeded = servers.filter((s) => s.status === 'success').length;
  const failed = servers.some((s) => s.status !== 'success');
  const buttons: Button[] = running
    ? [{ label: 'Cancel', action: 'grp.cancel', value: String(group.id), style: 'danger' }]
    : failed
      ? [
          {
            label: 'Run again on failed servers',
            action: 'run.failed',
            value: String(group.id),
            style: 'primary',
          },
        ]
      : [];
  const headline = running ? 'running' : group.status === 'success' ? 'succeeded' : group.status;
  const count = `${servers.length} server${servers.length === 1 ? '' : 's'}`;
  return screen(`${itemLabel(item)} on ${count}: ${headline}`, {
    emoji: running ? '⏳' : statusEmoji(group.status),
    tone: running ? 'running' : group.status === 'success' ? 'success' : 'failure',
    sections: [
      { text: [...servers.map(serverLine), group.error ?? ''].filter(Boolean).join('\n') },
    ],
    fields: [
      { label: 'Succeeded', value: `${succeeded} of ${servers.length} (${group.required} needed)` },
      { label: 'Started by', value: group.actor },
      { label: 'Trigger', value: group.trigger },
      { label: 'Group', value: `#${group.id}` },
    ],
    buttons,
    visibility: 'channel',
    placement: 'thread',
  });
}

/** Runs the plan on all its servers as one group and follows it in one message. */
export async function startGroup(turn: Turn, groups: GroupsPort, plan: RunPlan): Promise<number[]> {
  const started = await groups.start({
    item: plan.item,
    servers: plan.servers,
    values: plan.values,
    actor: plan.actor ?? turn.actor,
    trigger: plan.trigger,
    definitionId: plan.definitionId,
  });
  return followGroup(turn, groups, plan.item, started, plan);
}

export async function followGroup(
  turn: Turn,
  groups: GroupsPort,
  item: CatalogItem,
  started: { groupId: number; done: Promise<unknown> },
  plan: Pick<RunPlan, 'servers' | 'values' | 'trigger' | 'actor'>,
): Promise<number[]> {
  const { groupId } = started;
  await audit(turn, {
    action: 'run',
    outcome: 'ok',
    item,
    servers: plan.servers,
    values: plan.values,
    actor: plan.actor,
    detail: `${plan.trigger}: run group #${groupId}`,
  });
  const render = async () => {
    const view = await groups.view(groupId);
    return view ? groupScreen(view, item) : screen(`Run group #${groupId} is gone`);
  };
  await followLive(turn, {
    first: await render(),
    subscribe: (changed) =>
      groups.on((event) => {
        const id = event.type === 'finished' ? event.group.id : event.groupId;
        if (id === groupId) changed();
      }),
    render,
    done: started.done,
    final: render,
    shown: (ref) =>
      turn.deps.db
        .updateTable('run_groups')
        .set({ thread: threadOf(ref) })
        .where('id', '=', groupId)
        .execute()
        .then(() => undefined),
  });
  const view = await groups.view(groupId);
  return (view?.servers ?? []).flatMap((s) => (s.runId === null ? [] : [s.runId]));
}
