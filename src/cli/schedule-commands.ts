/** `jobdeck schedule add | list | pause | resume | delete`: cron schedules from the terminal. */
import { userInfo } from 'node:os';
import { validateParameters } from '../catalog/params.js';
import { maskParameters } from '../catalog/render.js';
import type { CatalogItem } from '../catalog/schema.js';
import { JobdeckError } from '../errors.js';
import { type AuditAction, recordAudit } from '../jobs/audit.js';
import { createDefinition } from '../jobs/definitions.js';
import { describeCron, formatInZone } from '../scheduler/describe.js';
import {
  createSchedule,
  deleteSchedule,
  requireSchedule,
  setScheduleEnabled,
} from '../scheduler/manage.js';
import type { MissedPolicy } from '../scheduler/store.js';
import { listScheduleSummaries } from '../scheduler/summary.js';
import { type App, withApp } from './app.js';
import type { CliCommand, CliContext } from './command.js';
import { assignments, flag, text } from './options.js';
import { createdLines, scheduleJson, scheduleTable } from './schedule-format.js';

const PICKED_UP = 'a running jobdeck picks this up within seconds';

function scheduleId(context: CliContext, usage: string): number {
  const value = Number(context.args[0]);
  if (Number.isInteger(value) && value > 0) return value;
  throw new JobdeckError('input_invalid', `name the schedule by its number: jobdeck ${usage}`);
}

function requireText(context: CliContext, name: string, usage: string): string {
  const value = text(context, name);
  if (value) return value;
  throw new JobdeckError('input_invalid', `--${name} is required: jobdeck ${usage}`);
}

function missedPolicy(context: CliContext): MissedPolicy {
  const value = text(context, 'missed') ?? 'skip';
  if (value === 'skip' || value === 'run-once') return value;
  throw new JobdeckError('input_invalid', `--missed expects skip or run-once, got "${value}"`);
}

function checkServer(app: App, server: string): void {
  const names = app.config.servers.map((s) => s.name);
  if (names.includes(server)) return;
  throw new JobdeckError('server_unknown', `no server ${server}; one of: ${names.join(', ')}`);
}

/** Secrets are never stored, so a schedule cannot supply a required one. */
function checkSecrets(item: CatalogItem, given: Record<string, string>, context: CliContext) {
  for (const param of item.parameters.filter((p) => p.type === 'secret')) {
    if (param.required && param.default === undefined) {
      throw new JobdeckError(
        'parameters_invalid',
        `${item.name} needs the secret ${param.name}, and secrets are never stored: ` +
          'it cannot run on a schedule',
      );
    }
    if (given[param.name] !== undefined) {
      context.err(`warning: the secret ${param.name} is not stored; the schedule runs without it`);
    }
  }
}

async function addSchedule(app: App, context: CliContext): Promise<number> {
  const usage = scheduleAdd.usage;
  const [name, ...words] = context.args;
  if (!name) throw new JobdeckError('input_invalid', `name the item: jobdeck ${usage}`);
  const item = app.catalog.require(name);
  const server = requireText(context, 'server', usage);
  checkServer(app, server);
  const cron = requireText(context, 'cron', usage);
  const timezone = text(context, 'tz') ?? app.config.timezone ?? systemZone();
  const described = describeCron(cron, timezone, 5);
  if (!described.ok)
    throw new JobdeckError('schedule_invalid', `cron "${cron}": ${described.error}`);

  const { values: raw, other } = assignments(words);
  if (other.length > 0) {
    throw new JobdeckError('input_invalid', `expected name=value, got "${other.join(' ')}"`);
  }
  const checked = validateParameters(item, raw);
  if (!checked.ok) {
    const details = Object.entries(checked.errors).map(([field, error]) => `${field}: ${error}`);
    throw new JobdeckError('parameters_invalid', `invalid parameters:\n  ${details.join('\n  ')}`);
  }
  checkSecrets(item, raw, context);

  const createdBy = `cli:${userInfo().username}`;
  const schedule = await app.store.db.transaction().execute(async (trx) => {
    const definition = await createDefinition(trx, {
      item,
      parameters: checked.values,
      servers: [server],
      createdBy,
      platform: 'cli',
    });
    const heading = `${item.name} on ${server}`;
    const spec = { definitionId: definition.id, name: heading, cron, timezone, createdBy };
    const created = await createSchedule(trx, { ...spec, missedPolicy: missedPolicy(context) });
    await recordAudit(trx, {
      actor: createdBy,
      platform: 'cli',
      action: 'schedule.create',
      item: item.name,
      servers: [server],
      parameters: maskParameters(item, checked.values),
      outcome: 'ok',
      detail: `schedule #${created.id}: ${cron} (${timezone})`,
    });
    return created;
  });
  const { description, next } = described;
  for (const line of createdLines({ ...schedule, description, next })) context.out(line);
  return 0;
}

async function auditChange(app: App, action: AuditAction, id: number): Promise<void> {
  const actor = `cli:${userInfo().username}`;
  const detail = `schedule #${id}`;
  await recordAudit(app.store.db, { actor, platform: 'cli', action, outcome: 'ok', detail });
}

function systemZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

export const scheduleAdd: CliCommand = {
  path: ['schedule', 'add'],
  usage:
    'schedule add ITEM --server NAME --cron EXPR [--tz ZONE] [--missed skip|run-once] ' +
    '[name=value …]',
  summary: 'run a catalog item on a cron schedule; prints the next runs',
  options: {
    server: { type: 'string' },
    cron: { type: 'string' },
    tz: { type: 'string' },
    missed: { type: 'string' },
  },
  run: (context) => withApp(context, (app) => addSchedule(app, context)),
};

export const scheduleList: CliCommand = {
  path: ['schedule', 'list'],
  usage: 'schedule list [--json]',
  summary: 'schedules with their description and next run',
  options: { json: { type: 'boolean' } },
  run: (context) =>
    withApp(context, async (app) => {
      const summaries = await listScheduleSummaries(app.store.db);
      if (flag(context, 'json')) {
        context.out(JSON.stringify(summaries.map(scheduleJson), null, 2));
      } else if (summaries.length === 0) {
        context.out(
          'no schedules; add one with: jobdeck schedule add ITEM --server NAME --cron EXPR',
        );
      } else {
        for (const line of scheduleTable(summaries)) context.out(line);
      }
      return 0;
    }),
};

function toggle(enabled: boolean): CliCommand {
  const verb = enabled ? 'resume' : 'pause';
  const usage = `schedule ${verb} ID`;
  return {
    path: ['schedule', verb],
    usage,
    summary: enabled ? 'resume a paused schedule' : 'pause a schedule; it keeps its settings',
    run: (context) =>
      withApp(context, async (app) => {
        const id = scheduleId(context, usage);
        const before = await requireSchedule(app.store.db, id);
        const after = await setScheduleEnabled(app.store.db, id, enabled);
        await auditChange(app, enabled ? 'schedule.resume' : 'schedule.pause', id);
        const already = before.enabled === after.enabled ? 'already ' : '';
        context.out(`schedule ${id} ${already}${enabled ? 'resumed' : 'paused'} (${PICKED_UP})`);
        if (after.next_run_at !== null) {
          context.out(`  next run  ${formatInZone(new Date(after.next_run_at), after.timezone)}`);
        }
        return 0;
      }),
  };
}

export const schedulePause = toggle(false);
export const scheduleResume = toggle(true);

export const scheduleDelete: CliCommand = {
  path: ['schedule', 'delete'],
  usage: 'schedule delete ID',
  summary: 'delete a schedule (its past runs stay in the history)',
  run: (context) =>
    withApp(context, async (app) => {
      const id = scheduleId(context, scheduleDelete.usage);
      await deleteSchedule(app.store.db, id);
      await auditChange(app, 'schedule.delete', id);
      context.out(`schedule ${id} deleted (${PICKED_UP})`);
      return 0;
    }),
};

export const scheduleCommands: CliCommand[] = [
  scheduleAdd,
  scheduleList,
  schedulePause,
  scheduleResume,
  scheduleDelete,
];
