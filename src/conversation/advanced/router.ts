/** Advanced mode's commands (`mode`, `item`, `workflow`) and buttons, routed here. */

import { audit, guardRun, refuse, subjectOf } from '../guard.js';
import { notice, problem, usageLine } from '../handlers/answers.js';
import type { Action } from '../interaction.js';
import { screen } from '../screen.js';
import type { Turn } from '../turn.js';
import { followGroup } from './group-view.js';
import { copyItem, editItem, itemUsage, newItem, saveItem } from './items.js';
import { type Mode, writeMode } from './mode.js';
import { cancelWorkflow, listWorkflows, runWorkflow, workflowStatus } from './workflows.js';

export const ADVANCED_COMMANDS = new Set(['mode', 'item', 'workflow']);
const AREAS = new Set(['mode', 'edit', 'wf', 'grp']);

export function isAdvancedAction(action: string): boolean {
  return action === 'run.failed' || AREAS.has(action.split('.')[0] ?? '');
}

const WHAT: Record<Mode, string> = {
  basic: 'Lists and the wizard show basic jobs; every job still runs with `run NAME`.',
  advanced:
    'Lists and the wizard show intermediate and advanced jobs too, job pages show raw commands, ' +
    'and you can create and edit items (`item new`) and run workflows (`workflow`).',
};

async function setMode(turn: Turn, word: string | undefined): Promise<void> {
  if (word !== 'basic' && word !== 'advanced') {
    const other: Mode = turn.mode === 'basic' ? 'advanced' : 'basic';
    const text = word ? `"${word}" is not a mode. ${usageLine(turn, 'mode')}` : WHAT[turn.mode];
    return void (await turn.show(
      screen(`You are in ${turn.mode} mode`, {
        emoji: '🎛️',
        sections: [{ text }],
        buttons: [{ label: `Switch to ${other} mode`, action: 'mode.set', value: other }],
        placement: 'new',
      }),
    ));
  }
  await writeMode(turn.deps.db, turn.actor, word);
  await turn.show(notice(`${word === 'basic' ? 'Basic' : 'Advanced'} mode on`, WHAT[word]));
}

export async function advancedCommand(turn: Turn, sub: string, args: string[]): Promise<void> {
  const [verb = '', first, second] = args;
  if (sub === 'mode') return setMode(turn, verb || undefined);
  if (sub === 'item') {
    if (verb === '' || verb === 'new') return newItem(turn);
    if ((verb === 'edit' || verb === 'copy') && first)
      return verb === 'edit' ? editItem(turn, first) : copyItem(turn, first, second);
    return void (await turn.show(itemUsage(turn)));
  }
  if (verb === '' || verb === 'list') return listWorkflows(turn);
  if (verb === 'run' && first) return runWorkflow(turn, first);
  if (verb === 'status' && first) return workflowStatus(turn, first);
  await turn.show(problem('Which workflow?', usageLine(turn, 'workflow')));
}

async function rerunFailed(turn: Turn, value: string): Promise<void> {
  const groups = turn.deps.advanced?.groups;
  const view = groups ? await groups.view(Number(value)) : undefined;
  const item = view && turn.deps.catalog.get(view.group.item_name);
  if (!groups || !view || !item)
    return void (await turn.show(problem('Unknown run group', `No run group #${value}.`)));
  const failed = view.servers.filter((s) => s.status !== 'success').map((s) => s.server);
  if (!(await guardRun(turn, { item, servers: failed, values: {} }))) return;
  const started = await groups.rerunFailed(view.group.id, { actor: turn.actor });
  const plan = { servers: started.servers, values: {}, trigger: 'run-again' as const };
  await followGroup(turn, groups, item, started, plan);
}

async function cancelGroup(turn: Turn, value: string): Promise<void> {
  const groups = turn.deps.advanced?.groups;
  const view = groups ? await groups.view(Number(value)) : undefined;
  if (!groups || !view)
    return void (await turn.show(problem('Unknown run group', `No run group #${value}.`)));
  const own = view.group.actor === turn.actor;
  const decision = own
    ? { ok: true as const }
    : turn.deps.access.can(subjectOf(turn), 'cancel_others');
  if (!decision.ok)
    return refuse(turn, 'You may not cancel these runs', decision, { action: 'run.cancel' });
  const stopped = await groups.cancel(view.group.id);
  await audit(turn, {
    action: 'run.cancel',
    outcome: stopped ? 'ok' : 'failed',
    detail: `run group #${view.group.id}`,
  });
}

export async function advancedAction(turn: Turn, action: Exclude<Action, { kind: 'command' }>) {
  const value = action.kind === 'select' ? (action.values[0] ?? '') : action.value;
  switch (action.action) {
    case 'mode.set':
      return setMode(turn, value);
    case 'edit.open':
      return editItem(turn, value);
    case 'edit.copy':
      return copyItem(turn, value);
    case 'edit.save':
      return saveItem(turn, value, action.kind === 'submit' ? action.values : {});
    case 'wf.run':
      return runWorkflow(turn, value);
    case 'wf.cancel':
      return cancelWorkflow(turn, value);
    case 'run.failed':
      return rerunFailed(turn, value);
    case 'grp.cancel':
      return cancelGroup(turn, value);
  }
  await turn.show(problem('Unknown action', `This jobdeck does not know "${action.action}".`));
}
