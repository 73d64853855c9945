/** `jobdeck run --notify CH[,CH]`: the channel list, then delivery before the command exits. */
import type { CatalogItem } from '../catalog/schema.js';
import type { LoadedConfig } from '../config/load.js';
import { JobdeckError } from '../errors.js';
import type { Store } from '../store/db.js';
import type { Run } from '../store/tables.js';
import { deliverNow, describeDelivery } from './deliver-now.js';
import { Deliveries } from './delivery.js';
import { enqueueForRun } from './outbox.js';
import { retrySettings } from './retry.js';

/** How long `jobdeck run --notify` waits for delivery before leaving it to the bot. */
export const RUN_NOTIFY_WAIT_MS = 30_000;

/** `--notify a,b` as channel names, each one configured. */
export function channelList(
  value: string | undefined,
  known: readonly string[],
): string[] | undefined {
  if (value === undefined) return undefined;
  const names = [...new Set(value.split(',').map((n) => n.trim()))].filter((n) => n !== '');
  const unknown = names.filter((n) => !known.includes(n));
  if (names.length === 0 || unknown.length > 0) {
    const configured = known.join(', ') || 'none configured under notifications.channels';
    const what = names.length === 0 ? 'no channel given' : `unknown channel ${unknown.join(', ')}`;
    throw new JobdeckError('input_invalid', `--notify: ${what}; channels: ${configured}`);
  }
  return names;
}

export interface AfterRunOptions {
  config: LoadedConfig;
  item: CatalogItem;
  env?: NodeJS.ProcessEnv;
  waitMs?: number;
}

/**
 * Records the finished run's notifications (a no-op when the runner's finish hook already did:
 * one row per run and channel) and delivers them within the bound; answers lines to print.
 */
export async function notifyAfterRun(
  store: Store,
  run: Run,
  options: AfterRunOptions,
): Promise<string[]> {
  const { config, item } = options;
  const retry = retrySettings(config.notifications);
  const deliveries = new Deliveries(config.notifications.channels, {
    env: options.env ?? process.env,
    timeoutMs: retry.requestTimeoutMs,
  });
  const deps = { deliveries, item: () => item, timezone: config.timezone };
  await store.db.transaction().execute((trx) => enqueueForRun(trx, run, deps));
  const waitMs = options.waitMs ?? RUN_NOTIFY_WAIT_MS;
  const lines = describeDelivery(await deliverNow(store, run.id, { waitMs, deliveries, retry }));
  return lines.length > 0 ? lines : ['no notification to send for this run'];
}
