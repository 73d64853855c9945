/** Real OpenSSH servers on loopback for tests and benchmarks: temporary keys, config and log. */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';

export const SSHD = '/usr/sbin/sshd';

/** What a test needs to reach a server; plain data, so vitest can `provide` it. */
export interface SshdInfo {
  host: string;
  port: number;
  user: string;
  /** Private key the server accepts. */
  clientKey: string;
  /** `SHA256:…` of the host key, as `ssh-keygen -l` prints it. */
  hostKeyFingerprint: string;
  hostKey: string;
  dir: string;
  logPath: string;
}

export interface Sshd extends SshdInfo {
  /** "Accepted publickey" lines so far: one per TCP connection that logged in. */
  acceptedConnections(): number;
  log(): string;
  stop(): Promise<void>;
}

export interface SshdOptions {
  port?: number;
  /** Reuse a host key file (its .pub next to it); a new ed25519 key otherwise. */
  hostKey?: string;
  /** Reuse a client key (its .pub next to it); a new ed25519 key otherwise. */
  clientKey?: string;
  /** Log in as this user instead of the current one. */
  user?: string;
  maxSessions?: number;
}

function keygen(path: string): string {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'jobdeck-test', '-f', path]);
  return path;
}

/** The fingerprint OpenSSH itself computes, so tests check ours against it. */
export function keyFingerprint(publicKeyPath: string): string {
  const line = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', publicKeyPath], {
    encoding: 'utf8',
  });
  const print = line.split(' ')[1];
  if (!print?.startsWith('SHA256:')) throw new Error(`unexpected ssh-keygen output: ${line}`);
  return print;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function requireSshd(): void {
  if (existsSync(SSHD)) return;
  const hint = 'install openssh-server (apt-get install openssh-server)';
  throw new Error(`${SSHD} is missing: the SSH tests need a real OpenSSH server; ${hint}`);
}

function writeConfig(
  dir: string,
  port: number,
  options: Required<Pick<SshdOptions, 'maxSessions'>> & {
    hostKey: string;
    authorized: string;
  },
): string {
  const lines = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${options.hostKey}`,
    `AuthorizedKeysFile ${options.authorized}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    'UsePAM no',
    'StrictModes no',
    'PermitRootLogin yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    `MaxSessions ${options.maxSessions}`,
    'MaxStartups 200',
    'PrintMotd no',
    'LogLevel INFO',
  ];
  const path = join(dir, 'sshd_config');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

async function waitForListening(child: ChildProcess, logPath: string): Promise<boolean> {
  for (let waited = 0; waited < 10_000; waited += 20) {
    const log = readFileSync(logPath, 'utf8');
    if (log.includes('Server listening')) return true;
    if (child.exitCode !== null || /Bind to port .* failed|Cannot bind any address/.test(log)) {
      return false;
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`sshd did not start within 10 s:\n${readFileSync(logPath, 'utf8')}`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return () =>
    new Promise((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
}

function prepareDir(options: SshdOptions) {
  const dir = mkdtempSync(join(tmpdir(), 'jobdeck-sshd-'));
  // Readable by others: sshd reads authorized_keys as the user logging in.
  chmodSync(dir, 0o755);
  const hostKey = options.hostKey ?? keygen(join(dir, 'host_ed25519'));
  const clientKey = options.clientKey ?? keygen(join(dir, 'client_ed25519'));
  const authorized = join(dir, 'authorized_keys');
  writeFileSync(authorized, readFileSync(`${clientKey}.pub`), { mode: 0o644 });
  // The privilege separation directory a packaged sshd expects; only root can make it.
  if (process.getuid?.() === 0) mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  return { dir, hostKey, clientKey, authorized };
}

/** Starts `sshd -D -e` on a free loopback port; `stop()` ends it. */
export async function startSshd(options: SshdOptions = {}): Promise<Sshd> {
  requireSshd();
  const { dir, hostKey, clientKey, authorized } = prepareDir(options);
  for (let attempt = 1; ; attempt++) {
    const port = options.port ?? (await freePort());
    const config = writeConfig(dir, port, {
      hostKey,
      authorized,
      maxSessions: options.maxSessions ?? 20,
    });
    const logPath = join(dir, `sshd-${port}.log`);
    const log = openSync(logPath, 'w');
    const child = spawn(SSHD, ['-D', '-e', '-f', config], { stdio: ['ignore', 'ignore', log] });
    if (await waitForListening(child, logPath)) {
      const read = () => readFileSync(logPath, 'utf8');
      return {
        host: '127.0.0.1',
        port,
        user: options.user ?? userInfo().username,
        clientKey,
        hostKey,
        hostKeyFingerprint: keyFingerprint(`${hostKey}.pub`),
        dir,
        logPath,
        log: read,
        acceptedConnections: () => read().match(/Accepted publickey/g)?.length ?? 0,
        stop: stopper(child),
      };
    }
    await stopper(child)();
    if (options.port !== undefined || attempt === 5) {
      throw new Error(`sshd could not listen on port ${port}:\n${readFileSync(logPath, 'utf8')}`);
    }
  }
}

/** Plain data for vitest's provide(): the server without its functions. */
export function infoOf(sshd: Sshd): SshdInfo {
  const { host, port, user, clientKey, hostKeyFingerprint, hostKey, dir, logPath } = sshd;
  return { host, port, user, clientKey, hostKeyFingerprint, hostKey, dir, logPath };
}
