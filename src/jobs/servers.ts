/** The configured servers with what jobdeck knows of them: reachability, distro, capabilities. */
import type { ServerConfig } from '../config/schema.js';
import { JobdeckError, messageOf } from '../errors.js';
import type { Logger } from '../log.js';
import type { ExecSpec } from '../runner/executor.js';
import type { Captured } from '../runner/executors.js';
import { type Db, json } from '../store/db.js';
import type { ServerRow } from '../store/tables.js';
import type { ServerFacts } from './compat.js';
import { PROBE_SPEC, parseProbe } from './probe.js';
import {
  type CapabilityRow,
  readCapabilities,
  readServerRows,
  recordProbe,
  recordProbeFailure,
  recordTrust,
  syncServerRows,
} from './server-rows.js';

export interface ServerState {
  name: string;
  host: string;
  port: number;
  user: string | null;
  transport: 'ssh' | 'local';
  labels: string[];
  capabilities: string[];
  distro: string | null;
  distroVersion: string | null;
  reachable: boolean | null;
  probedAt: number | null;
  lastError: string | null;
  /** The fingerprint recorded by `servers trust`, or host_key from the config. */
  hostKey: string | null;
  maxConcurrent: number;
}

export interface ServersOptions {
  db: Db;
  servers: readonly ServerConfig[];
  executors: {
    capture(name: string, spec: ExecSpec, timeoutS: number): Promise<Captured>;
    hostKey(name: string): Promise<{ fingerprint: string; type: string }>;
  };
  /** Seconds a probe result stays fresh (runner.probe_max_age). */
  probeMaxAge: number;
  logger: Logger;
}

const PROBE_TIMEOUT_S = 30;
/** A server that could not be reached is tried again sooner than a fresh one is re-probed. */
const RETRY_UNREACHABLE_MS = 60_000;

function stateOf(config: ServerConfig, row: ServerRow | undefined, caps: CapabilityRow[]) {
  const capabilities = caps.filter((c) => c.server_name === config.name).map((c) => c.capability);
  return {
    name: config.name,
    host: config.host,
    port: config.port,
    user: config.user ?? null,
    transport: config.transport,
    labels: row ? json.decode<string[]>(row.labels, []) : [...config.labels],
    capabilities: [...new Set(capabilities)].sort(),
    distro: row?.distro ?? null,
    distroVersion: row?.distro_version ?? null,
    reachable: row?.reachable === null || row?.reachable === undefined ? null : row.reachable === 1,
    probedAt: row?.probed_at ?? null,
    lastError: row?.last_error ?? null,
    hostKey: config.host_key ?? row?.host_key ?? null,
    maxConcurrent: config.max_concurrent,
  } satisfies ServerState;
}

export class Servers {
  private readonly probing = new Map<string, Promise<ServerState>>();

  constructor(private readonly options: ServersOptions) {}

  /** Writes the configured servers and their config capabilities into the database. */
  sync(): Promise<void> {
    return syncServerRows(this.options.db, this.options.servers, Date.now());
  }

  async list(): Promise<ServerState[]> {
    const rows = await readServerRows(this.options.db);
    const caps = await readCapabilities(this.options.db);
    return this.options.servers.map((config) => stateOf(config, rows.get(config.name), caps));
  }

  async get(name: string): Promise<ServerState> {
    const state = (await this.list()).find((s) => s.name === name);
    if (state) return state;
    const known = this.options.servers.map((s) => s.name).join(', ');
    throw new JobdeckError('server_unknown', `no server named "${name}"; known: ${known}`);
  }

  /** What compatibility checks need; probes first when the last probe is missing or old. */
  async facts(name: string): Promise<ServerFacts & ServerState> {
    const state = await this.get(name);
    if (!this.stale(state)) return state;
    return this.probe(name).catch(() => this.get(name));
  }

  /** Probes now and records the result; throws with the cause when the server is unreachable. */
  probe(name: string): Promise<ServerState> {
    let running = this.probing.get(name);
    if (!running) {
      running = this.runProbe(name).finally(() => this.probing.delete(name));
      this.probing.set(name, running);
    }
    return running;
  }

  /** The key the server presents now, for the operator to confirm. */
  presentedKey(name: string): Promise<{ fingerprint: string; type: string }> {
    return this.get(name).then(() => this.options.executors.hostKey(name));
  }

  /** Records a confirmed host key fingerprint for the server. */
  async trust(name: string, fingerprint: string): Promise<void> {
    await this.get(name);
    await recordTrust(this.options.db, name, fingerprint, Date.now());
  }

  private stale(state: ServerState): boolean {
    if (state.probedAt === null) return true;
    const age = Date.now() - state.probedAt;
    if (state.reachable === false) return age > RETRY_UNREACHABLE_MS;
    return age > this.options.probeMaxAge * 1000;
  }

  private async runProbe(name: string): Promise<ServerState> {
    await this.get(name);
    const { db, executors, logger } = this.options;
    try {
      const captured = await executors.capture(name, PROBE_SPEC, PROBE_TIMEOUT_S);
      if (captured.exitCode !== 0) {
        const why = captured.stderr.trim() || `exit code ${captured.exitCode ?? captured.signal}`;
        throw new JobdeckError('exec_failed', `server ${name}: the probe failed: ${why}`);
      }
      await recordProbe(db, name, parseProbe(captured.stdout), Date.now());
      logger.info({ server: name }, 'server probed');
    } catch (error) {
      await recordProbeFailure(db, name, messageOf(error), Date.now());
      logger.warn({ server: name, err: messageOf(error) }, 'server probe failed');
      throw error;
    }
    return this.get(name);
  }
}
