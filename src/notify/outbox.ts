/** Writes a finished run's notifications to the outbox, in the transaction that ends the run. */

import type { Transaction } from 'kysely';
import type { CatalogItem } from '../catalog/schema.js';
import type { Logger } from '../log.js';
import { json } from '../store/db.js';
import type { Database, OutboxRow, Run } from '../store/tables.js';
import { buildContext, resolveRunUrl } from './context.js';
import type { Deliveries } from './delivery.js';
import { type NotificationMessage, renderMessage } from './message.js';
import { writeOutboxRow } from './outbox-row.js';
import { getPolicy, type NotificationPolicy, policyWants } from './policies.js';
import { kindOf } from './status.js';

export interface NotifyDeps {
  deliveries: Deliveries;
  /** The catalog item a run ran; undefined when it has left the catalog. */
  item(name: string): CatalogItem | undefined;
  timezone: string;
  runPageUrl?: ((runId: number) => string) | undefined;
  /** A single-use Run again link for ntfy channels, or undefined when the run cannot have one. */
  runAgainUrl?: ((run: Run, item: CatalogItem | undefined) => string | undefined) | undefined;
  logger?: Logger | undefined;
  now?: (() => number) | undefined;
}

export type FinishHook = (trx: Transaction<Database>, run: Run) => Promise<void>;

/** One notification per run and channel: a second enqueue of the same pair does nothing. */
export function dedupeKey(runId: number, channel: string): string {
  return `run:${runId}:${channel}`;
}

export function decodePayload(row: Pick<OutboxRow, 'payload'>): NotificationMessage {
  return json.decode<NotificationMessage>(row.payload, {
    title: '',
    body: '',
    tags: [],
    priority: 3,
    click: '',
    actions: [],
    markdown: false,
  });
}

/** A stand-in for an item that left the catalog, so its runs still notify. */
export function fallbackItem(name: string): CatalogItem {
  return {
    name,
    display_name: name,
    description: '',
    category: 'unknown',
    difficulty: 'basic',
    command: '',
    parameters: [],
    required_capabilities: [],
    default_timeout: 300,
    default_retry_count: 0,
    environment: {},
    tags: [],
    sort_order: 0,
    enabled: true,
    confirm: false,
  };
}

function channelsFor(run: Run, policy: NotificationPolicy | undefined, deps: NotifyDeps): string[] {
  const kind = kindOf(run.status);
  if (!kind) return [];
  const chosen = policy && policyWants(policy, kind) ? policy.channels : [];
  const named = json.decode<string[]>(run.notify_channels, []);
  const hasThread = run.thread !== null && run.thread !== '';
  return [...new Set([...chosen, ...named])].filter((c) => deps.deliveries.wants(c, hasThread));
}

async function lookups(trx: Transaction<Database>, run: Run) {
  const server = await trx
    .selectFrom('servers')
    .select('host')
    .where('name', '=', run.server_name)
    .executeTakeFirst();
  const schedule =
    run.schedule_id === null
      ? undefined
      : await trx
          .selectFrom('schedules')
          .select('name')
          .where('id', '=', run.schedule_id)
          .executeTakeFirst();
  return { hostname: server?.host ?? run.server_name, scheduleName: schedule?.name ?? null };
}

/** Records the run's notifications; answers how many outbox rows it wrote. */
export async function enqueueForRun(
  trx: Transaction<Database>,
  run: Run,
  deps: NotifyDeps,
): Promise<number> {
  const kind = kindOf(run.status);
  if (!kind) return 0;
  const policy = run.definition_id === null ? undefined : await getPolicy(trx, run.definition_id);
  const channels = channelsFor(run, policy, deps);
  if (channels.length === 0) return 0;

  const item = deps.item(run.item_name) ?? fallbackItem(run.item_name);
  const { hostname, scheduleName } = await lookups(trx, run);
  const context = buildContext({
    run,
    item,
    server: { name: run.server_name, hostname },
    scheduleName,
    timezone: deps.timezone,
    runUrl: resolveRunUrl(run, deps.runPageUrl),
    outputLines: policy?.outputMaxLines,
  });
  const now = (deps.now ?? Date.now)();
  let written = 0;
  for (const channel of channels) {
    const config = deps.deliveries.channel(channel);
    const channelPriority = config?.priority;
    const runAgainUrl =
      config?.type === 'ntfy' ? deps.runAgainUrl?.(run, deps.item(run.item_name)) : undefined;
    const input = { kind, status: run.status, item, policy, context, channelPriority, runAgainUrl };
    const { message, problems } = renderMessage(input);
    for (const problem of problems) deps.logger?.warn({ runId: run.id, channel }, problem);
    const payload = deps.deliveries.prepare(channel, message);
    const key = dedupeKey(run.id, channel);
    written += await writeOutboxRow(trx, { runId: run.id, channel, key, payload, now });
  }
  return written;
}

/** The Runner finish hook that feeds the outbox. */
export function notifyFinishHook(deps: NotifyDeps): FinishHook {
  return async function enqueueNotifications(trx, run) {
    try {
      await enqueueForRun(trx, run, deps);
    } catch (error) {
      // The run's result must be recorded even when its notification cannot be.
      deps.logger?.error({ runId: run.id, err: error }, 'notification not recorded');
    }
  };
}
