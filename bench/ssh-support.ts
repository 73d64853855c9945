/** Shared set-up for the SSH benchmarks: a login user with /bin/sh, sshd instances, a runner. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'ssh2';
import { itemSchema } from '../src/catalog/schema.js';
import { configFrom } from '../src/config/load.js';
import { silentLogger } from '../src/log.js';
import { Executors } from '../src/runner/executors.js';
import { Runner } from '../src/runner/runner.js';
import { openStore } from '../src/store/db.js';
import { type Sshd, startSshd } from '../test/setup/sshd.js';

export const BENCH_USER = 'jobdeckbench';

/**
 * The user the benchmarks log in as. As root that is a dedicated user whose shell is /bin/sh:
 * root's login shell here runs a slow .bashrc (~130 ms a command) that would swamp the figures.
 */
export function benchUser(): string {
  if (process.getuid?.() !== 0) return userInfo().username;
  try {
    execFileSync('id', [BENCH_USER], { stdio: 'ignore' });
  } catch {
    execFileSync('useradd', ['-m', '-s', '/bin/sh', BENCH_USER]);
  }
  // No password, but not locked: sshd without PAM refuses a locked ("!") account.
  execFileSync('usermod', ['-p', '*', BENCH_USER]);
  return BENCH_USER;
}

/** `count` sshd instances sharing one host key and one client key. */
export async function startServers(count: number, user: string): Promise<Sshd[]> {
  const first = await startSshd({ user });
  const rest = await Promise.all(
    Array.from({ length: count - 1 }, () =>
      startSshd({ user, hostKey: first.hostKey, clientKey: first.clientKey }),
    ),
  );
  return [first, ...rest];
}

export const uptime = itemSchema.parse({
  name: 'uptime',
  display_name: 'Uptime',
  category: 'bench',
  command: 'uptime',
});

export const noop = itemSchema.parse({
  name: 'noop',
  display_name: 'No-op',
  category: 'bench',
  command: 'true',
});

/** A runner on a fresh database knowing the servers as `s0`, `s1`, …; it records every run. */
export async function jobdeckFor(servers: Sshd[], runner: Record<string, unknown> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'jobdeck-bench-'));
  const config = configFrom({
    database: join(dir, 'jobdeck.db'),
    servers: servers.map((s, i) => ({
      name: `s${i}`,
      host: s.host,
      port: s.port,
      user: s.user,
      private_key: s.clientKey,
      host_key: s.hostKeyFingerprint,
    })),
    runner: { max_concurrent: 1000, idle_timeout: 600, ...runner },
  });
  const store = await openStore(config.database);
  const logger = silentLogger();
  const executors = new Executors({
    db: store.db,
    servers: config.servers,
    runner: config.runner,
    logger,
  });
  const jobdeck = new Runner({
    db: store.db,
    executors,
    runner: config.runner,
    dataDir: config.data_dir,
    logger,
  });
  const close = async () => {
    await jobdeck.close();
    await executors.close();
    await store.close();
  };
  return { runner: jobdeck, executors, store, close };
}

/** Options every plain `ssh` call gets: the client key, no known_hosts prompts, quiet. */
export function sshOptions(server: Sshd): string[] {
  return [
    '-i',
    server.clientKey,
    '-o',
    'StrictHostKeyChecking=no',
    '-o',
    'UserKnownHostsFile=/dev/null',
    '-o',
    'LogLevel=ERROR',
    '-o',
    'BatchMode=yes',
  ];
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(3)} s`;
}

/** A plain ssh2 client with TCP_NODELAY, for comparison: no jobdeck in between. */
export async function bareClient(server: Sshd): Promise<Client> {
  const sock = connect({ host: server.host, port: server.port, noDelay: true });
  await new Promise((resolve) => sock.once('connect', resolve));
  const client = new Client();
  await new Promise<void>((resolve, reject) => {
    client.once('ready', resolve).once('error', reject);
    client.connect({ sock, username: server.user, privateKey: readFileSync(server.clientKey) });
  });
  return client;
}

export function bareExec(client: Client, command: string): Promise<void> {
  return new Promise((resolve, reject) => {
    client.exec(command, (error, channel) => {
      if (error) return reject(error);
      channel.on('data', () => {}).on('close', () => resolve());
      channel.stderr.resume();
    });
  });
}
