/** `jobdeck run`, `history`, `runs show` and `runs cancel`: runs from the terminal. */
import { userInfo } from 'node:os';
import { validateParameters } from '../catalog/params.js';
import { maskParameters } from '../catalog/render.js';
import type { CatalogItem } from '../catalog/schema.js';
import { JobdeckError } from '../errors.js';
import { recordAudit } from '../jobs/audit.js';
import { checkCompatibility } from '../jobs/compat.js';
import { channelList, notifyAfterRun } from '../notify/notifier.js';
import type { RunEvent } from '../runner/runner.js';
import type { Run } from '../store/tables.js';
import { type App, withApp } from './app.js';
import type { CliCommand, CliContext } from './command.js';
import { assignments, flag, text } from './options.js';
import { confirm } from './prompt.js';
import { historyLines, runJson, runLines, summaryLine } from './run-format.js';

function positiveInt(context: CliContext, name: string): number | undefined {
  const raw = text(context, name);
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (Number.isInteger(value) && value > 0) return value;
  throw new JobdeckError('input_invalid', `--${name} expects a whole number above 0, got "${raw}"`);
}

function runId(context: CliContext, usage: string): number {
  const value = Number(context.args[0]);
  if (Number.isInteger(value) && value > 0) return value;
  throw new JobdeckError('input_invalid', `name the run by its number: jobdeck ${usage}`);
}

function pickServer(app: App, context: CliContext): string {
  const named = text(context, 'server');
  if (named) return named;
  const names = app.config.servers.map((s) => s.name);
  if (names.length === 1 && names[0]) return names[0];
  throw new JobdeckError(
    'input_invalid',
    `pick a server with --server; one of: ${names.join(', ')}`,
  );
}

async function checkServer(app: App, item: CatalogItem, server: string): Promise<void> {
  const facts = await app.servers.facts(server);
  // Unreachable: let the run record the cause rather than guess at capabilities.
  if (facts.reachable === false) return;
  const verdict = checkCompatibility(item, facts);
  if (!verdict.ok) throw new JobdeckError('incompatible', verdict.message);
}

function streamOutput(context: CliContext, event: RunEvent): void {
  if (event.type !== 'output') return;
  (event.stream === 'stdout' ? context.io.stdout : context.io.stderr).write(event.text);
}

async function runItem(app: App, context: CliContext): Promise<number> {
  const [name, ...words] = context.args;
  if (!name) throw new JobdeckError('input_invalid', `name the item: jobdeck ${runCommand.usage}`);
  const item = app.catalog.require(name);
  const server = pickServer(app, context);
  const { values: raw, other } = assignments(words);
  if (other.length > 0) {
    throw new JobdeckError('input_invalid', `expected name=value, got "${other.join(' ')}"`);
  }
  const checked = validateParameters(item, raw);
  if (!checked.ok) {
    const details = Object.entries(checked.errors).map(([field, error]) => `${field}: ${error}`);
    throw new JobdeckError('parameters_invalid', `invalid parameters:\n  ${details.join('\n  ')}`);
  }
  await checkServer(app, item, server);
  if (item.confirm && !flag(context, 'yes')) {
    const ok = await confirm(
      context,
      `${item.display_name} is marked dangerous. Run it on ${server}?`,
    );
    if (!ok) {
      context.err('not run');
      return 1;
    }
  }
  const channels = app.config.notifications.channels.map((c) => c.name);
  const notify = channelList(text(context, 'notify'), channels);
  const json = flag(context, 'json');
  const unsubscribe = app.runner.on((event) => json || streamOutput(context, event));
  const { runId, done } = await app.runner.submit({
    item,
    server,
    values: checked.values,
    actor: `cli:${userInfo().username}`,
    trigger: 'manual',
    timeoutSeconds: positiveInt(context, 'timeout'),
    notifyChannels: notify,
  });
  await recordAudit(app.store.db, {
    actor: `cli:${userInfo().username}`,
    platform: 'cli',
    action: 'run',
    item: item.name,
    servers: [server],
    parameters: maskParameters(item, checked.values),
    outcome: 'ok',
    detail: `manual: run #${runId}`,
  });
  const interrupt = () => void app.runner.cancel(runId);
  process.once('SIGINT', interrupt);
  const run = await done.finally(() => {
    process.off('SIGINT', interrupt);
    unsubscribe();
  });
  if (json) context.out(JSON.stringify(runJson(run), null, 2));
  else context.err(summaryLine(run));
  if (notify) {
    const options = { config: app.config, item, env: context.io.env };
    for (const line of await notifyAfterRun(app.store, run, options)) context.err(line);
  }
  return run.status === 'success' ? 0 : 1;
}

export const runCommand: CliCommand = {
  path: ['run'],
  usage:
    'run ITEM --server NAME [name=value ...] [--timeout S] [--notify CH[,CH]] [--yes] [--json]',
  summary: 'run a catalog item now, streaming its output',
  options: {
    server: { type: 'string' },
    timeout: { type: 'string' },
    notify: { type: 'string' },
    yes: { type: 'boolean' },
    json: { type: 'boolean' },
  },
  run: (context) => withApp(context, (app) => runItem(app, context)),
};

export const historyCommand: CliCommand = {
  path: ['history'],
  usage: 'history [--limit N] [--item I] [--server S] [--json]',
  summary: 'recent runs, newest first',
  options: {
    limit: { type: 'string' },
    item: { type: 'string' },
    server: { type: 'string' },
    json: { type: 'boolean' },
  },
  run: (context) =>
    withApp(context, async (app) => {
      const filter = { item: text(context, 'item'), server: text(context, 'server') };
      const runs = await app.runner.store.list({ ...filter, limit: positiveInt(context, 'limit') });
      if (flag(context, 'json')) context.out(JSON.stringify(runs.map(runJson), null, 2));
      else for (const line of historyLines(runs, app.config.timezone)) context.out(line);
      return 0;
    }),
};

async function requireRun(app: App, id: number): Promise<Run> {
  const run = await app.runner.store.get(id);
  if (run) return run;
  throw new JobdeckError('run_unknown', `no run ${id}; see jobdeck history`);
}

export const runsShow: CliCommand = {
  path: ['runs', 'show'],
  usage: 'runs show ID [--json]',
  summary: 'one run in full: parameters, timing, exit, output',
  options: { json: { type: 'boolean' } },
  run: (context) =>
    withApp(context, async (app) => {
      const run = await requireRun(app, runId(context, runsShow.usage));
      if (flag(context, 'json')) context.out(JSON.stringify(runJson(run), null, 2));
      else for (const line of runLines(run, app.config.timezone)) context.out(line);
      return 0;
    }),
};

export const runsCancel: CliCommand = {
  path: ['runs', 'cancel'],
  usage: 'runs cancel ID',
  summary: 'stop a queued or running run (in any jobdeck process on this machine)',
  run: (context) =>
    withApp(context, async (app) => {
      const run = await requireRun(app, runId(context, runsCancel.usage));
      if (!(await app.runner.cancel(run.id))) {
        context.err(`run ${run.id} is not running (${run.status})`);
        return 1;
      }
      context.out(`cancel requested for run ${run.id}; the process running it stops it shortly`);
      return 0;
    }),
};

export const runCommands: CliCommand[] = [runCommand, historyCommand, runsShow, runsCancel];
