/** `jobdeck group run | show | rerun`: one item on several servers, as one result. */

import type { App } from '../app.js';
import { validateParameters } from '../catalog/params.js';
import { JobdeckError } from '../errors.js';
import type { GroupView } from '../jobs/groups/groups.js';
import { requiredSuccesses, selectServers } from '../jobs/groups/select.js';
import { groupSummary } from '../notify/group-outbox.js';
import type { RunGroup } from '../store/tables.js';
import type { CliCommand, CliContext } from './command.js';
import { cancellable, cliActor, idArgument, notifyOption, withFullApp } from './full-app.js';
import { assignments, flag, text } from './options.js';

function list(context: CliContext, name: string): string[] {
  const value = context.options[name];
  const words = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return words
    .map(String)
    .flatMap((w) => w.split(','))
    .filter((w) => w !== '');
}

function positive(context: CliContext, name: string): number | undefined {
  const raw = text(context, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (Number.isInteger(value) && value > 0) return value;
  throw new JobdeckError('input_invalid', `--${name} expects a whole number above 0, got "${raw}"`);
}

async function report(app: App, context: CliContext, group: RunGroup): Promise<number> {
  const view = (await app.groups.view(group.id)) as GroupView;
  if (flag(context, 'json')) context.out(JSON.stringify(view, null, 2));
  else {
    context.out(`run group #${group.id}: ${group.item_name} ${group.status}`);
    for (const line of groupSummary(view.group, view.servers).split('\n')) context.out(`  ${line}`);
  }
  return group.status === 'success' ? 0 : 1;
}

async function runGroup(app: App, context: CliContext): Promise<number> {
  const [name, ...words] = context.args;
  if (!name) throw new JobdeckError('input_invalid', `name the item: jobdeck ${groupRun.usage}`);
  const item = app.catalog.require(name);
  const known = (await app.servers.list()).map((s) => ({ name: s.name, labels: s.labels }));
  const selected = selectServers(
    { names: list(context, 'server'), labels: list(context, 'label') },
    known,
  );
  if (!selected.ok) throw new JobdeckError('server_unknown', selected.error);
  const required = requiredSuccesses(text(context, 'min-success'), selected.servers.length);
  if (!required.ok) throw new JobdeckError('input_invalid', `--min-success: ${required.error}`);
  const { values: raw, other } = assignments(words);
  if (other.length > 0)
    throw new JobdeckError('input_invalid', `expected name=value, got "${other.join(' ')}"`);
  const checked = validateParameters(item, raw);
  if (!checked.ok) {
    const details = Object.entries(checked.errors).map(([field, error]) => `${field}: ${error}`);
    throw new JobdeckError('parameters_invalid', `invalid parameters:\n  ${details.join('\n  ')}`);
  }
  const { groupId, done } = await app.groups.start({
    item,
    servers: selected.servers,
    values: checked.values,
    actor: cliActor(),
    trigger: 'manual',
    required: required.required,
    maxParallel: positive(context, 'max-parallel'),
    notifyChannels: notifyOption(context, app),
  });
  context.err(`run group #${groupId}: ${item.name} on ${selected.servers.join(', ')}`);
  return report(app, context, await cancellable(done, () => app.groups.cancel(groupId)));
}

export const groupRun: CliCommand = {
  path: ['group', 'run'],
  usage:
    'group run ITEM --server S --label L [--min-success N|P%] [--max-parallel N] [name=value …]',
  summary: 'run an item on servers by name and label in parallel, as one result (--notify, --json)',
  options: {
    server: { type: 'string', multiple: true },
    label: { type: 'string', multiple: true },
    'min-success': { type: 'string' },
    'max-parallel': { type: 'string' },
    notify: { type: 'string' },
    json: { type: 'boolean' },
  },
  run: (context) => withFullApp(context, (app) => runGroup(app, context)),
};

export const groupShow: CliCommand = {
  path: ['group', 'show'],
  usage: 'group show ID [--json]',
  summary: 'one multi-server run: a line per server',
  options: { json: { type: 'boolean' } },
  run: (context) =>
    withFullApp(context, async (app) => {
      const id = idArgument(context, groupShow.usage);
      const view = await app.groups.view(id);
      if (!view) throw new JobdeckError('run_unknown', `no run group ${id}`);
      await report(app, context, view.group);
      return 0;
    }),
};

export const groupRerun: CliCommand = {
  path: ['group', 'rerun'],
  usage: 'group rerun ID [--json]',
  summary: 'run a multi-server run again on the servers that failed, only',
  options: { json: { type: 'boolean' } },
  run: (context) =>
    withFullApp(context, async (app) => {
      const id = idArgument(context, groupRerun.usage);
      const again = await app.groups.rerunFailed(id, { actor: cliActor() });
      context.err(`run group #${again.groupId}: again on ${again.servers.join(', ')}`);
      const group = await cancellable(again.done, () => app.groups.cancel(again.groupId));
      return report(app, context, group);
    }),
};

export const groupCommands: CliCommand[] = [groupRun, groupShow, groupRerun];
