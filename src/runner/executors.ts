/** Picks each server's executor (local, or SSH over a pooled connection) and owns the pool. */
import { Client } from 'ssh2';
import type { Config, ServerConfig } from '../config/schema.js';
import { JobdeckError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Db } from '../store/db.js';
import type { ExecSpec, Executor } from './executor.js';
import { fingerprint, keyLabel } from './host-keys.js';
import { LocalExecutor } from './local-executor.js';
import { presentedHostKey, type SshTarget } from './ssh-connect.js';
import { SshConnection } from './ssh-connection.js';
import { SshExecutor } from './ssh-executor.js';
import type { SshClientFactory } from './ssh-types.js';

export interface ExecutorsOptions {
  db: Db;
  servers: readonly ServerConfig[];
  runner: Pick<Config['runner'], 'idle_timeout' | 'connect_timeout'>;
  logger: Logger;
  env?: NodeJS.ProcessEnv;
  factory?: SshClientFactory;
  /** Exec channels per connection; OpenSSH allows 10 sessions by default. */
  maxChannels?: number;
}

export interface Captured {
  exitCode: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}

const CAPTURE_LIMIT = 256 * 1024;

export class Executors {
  private readonly local = new LocalExecutor();
  private readonly connections = new Map<string, SshConnection>();
  private readonly servers: ReadonlyMap<string, ServerConfig>;

  constructor(private readonly options: ExecutorsOptions) {
    this.servers = new Map(options.servers.map((s) => [s.name, s]));
  }

  server(name: string): ServerConfig {
    const server = this.servers.get(name);
    if (server) return server;
    const known = [...this.servers.keys()].join(', ');
    throw new JobdeckError('server_unknown', `no server named "${name}"; known: ${known}`);
  }

  for(name: string): Executor {
    const server = this.server(name);
    if (server.transport === 'local') return this.local;
    return new SshExecutor(this.connection(server), server);
  }

  /** Runs a script and answers its (size-capped) output, for probes and checks. */
  async capture(name: string, spec: ExecSpec, timeoutS: number): Promise<Captured> {
    const chunks = { stdout: [] as Buffer[], stderr: [] as Buffer[] };
    let kept = 0;
    const signal = AbortSignal.timeout(timeoutS * 1000);
    const result = await this.for(name).exec(spec, {
      signal,
      onOutput(stream, chunk) {
        if (kept >= CAPTURE_LIMIT) return;
        kept += chunk.length;
        chunks[stream].push(chunk);
      },
    });
    const text = (list: Buffer[]) => Buffer.concat(list).toString('utf8');
    return { ...result, stdout: text(chunks.stdout), stderr: text(chunks.stderr) };
  }

  /** The key a server presents now, for `servers trust`. */
  async hostKey(name: string): Promise<{ fingerprint: string; type: string }> {
    const key = await presentedHostKey(this.target(this.server(name)));
    return { fingerprint: fingerprint(key), type: keyLabel(key) };
  }

  /** TCP connections opened to a server so far. */
  connects(name: string): number {
    return this.connections.get(name)?.connects ?? 0;
  }

  async close(): Promise<void> {
    for (const connection of this.connections.values()) connection.close();
    this.connections.clear();
  }

  private connection(server: ServerConfig): SshConnection {
    let connection = this.connections.get(server.name);
    if (!connection) {
      connection = new SshConnection({
        target: this.target(server),
        idleTimeoutMs: this.options.runner.idle_timeout * 1000,
        maxChannels: this.options.maxChannels ?? 10,
        logger: this.options.logger,
      });
      this.connections.set(server.name, connection);
    }
    return connection;
  }

  private target(server: ServerConfig): SshTarget {
    const { db, runner, env, factory } = this.options;
    return {
      server,
      connectTimeoutMs: runner.connect_timeout * 1000,
      env: env ?? process.env,
      factory: factory ?? (() => new Client()),
      trusted: async () => {
        const row = await db
          .selectFrom('servers')
          .select('host_key')
          .where('name', '=', server.name)
          .executeTakeFirst();
        return row?.host_key ?? null;
      },
    };
  }
}
