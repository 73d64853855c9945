/** Opens one SSH connection: TCP with TCP_NODELAY, host key verified, then logged in. */
import { readFile } from 'node:fs/promises';
import { connect as netConnect, type Socket } from 'node:net';
import type { ServerConfig } from '../config/schema.js';
import { JobdeckError, messageOf } from '../errors.js';
import { hostKeyAlgorithms, knownHostKeys } from './host-keys.js';
import { checkHostKey, type TrustSources } from './host-trust.js';
import { type Credentials, credentialsFor, keyRefused } from './ssh-auth.js';
import { networkError, sshError } from './ssh-errors.js';
import type { HostKeyAlgorithm, SshClient, SshClientFactory } from './ssh-types.js';

export interface SshTarget {
  readonly server: ServerConfig;
  /** The fingerprint `jobdeck servers trust` recorded for the server, if any. */
  trusted(): Promise<string | null>;
  readonly connectTimeoutMs: number;
  readonly env: NodeJS.ProcessEnv;
  readonly factory: SshClientFactory;
}

const KEEPALIVE_INTERVAL_MS = 15_000;
const KEEPALIVE_COUNT_MAX = 3;

function openSocket(target: SshTarget): Promise<Socket> {
  const { server, connectTimeoutMs } = target;
  const fail = (error: Error) => networkError(server, error, connectTimeoutMs / 1000);
  return new Promise((resolve, reject) => {
    // Without TCP_NODELAY every small exec round trip waits for a delayed ACK (~40 ms).
    const socket = netConnect({ host: server.host, port: server.port, noDelay: true });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(fail(Object.assign(new Error('connect timeout'), { code: 'connect_timeout' })));
    }, connectTimeoutMs);
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(fail(error));
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.setNoDelay(true);
      socket.setKeepAlive(true, KEEPALIVE_INTERVAL_MS);
      batchWrites(socket);
      resolve(socket);
    });
  });
}

/** ssh2 writes each packet on its own; packets written in one tick go out in one send(). */
function batchWrites(socket: Socket): void {
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  const uncork = () => socket.uncork();
  socket.write = ((...args: unknown[]) => {
    if (socket.writableCorked === 0) {
      socket.cork();
      process.nextTick(uncork);
    }
    return write(...args);
  }) as Socket['write'];
}

type Verify = (key: Buffer) => JobdeckError | undefined;

function handshake(
  target: SshTarget,
  sock: Socket,
  login: Credentials,
  verify: Verify,
  algorithms?: HostKeyAlgorithm[],
): Promise<SshClient> {
  const { server, connectTimeoutMs } = target;
  const client = target.factory();
  return new Promise((resolve, reject) => {
    let refusal: JobdeckError | undefined;
    let settled = false;
    const fail = (error: JobdeckError) => {
      if (settled) return;
      settled = true;
      sock.destroy();
      reject(refusal ?? error);
    };
    client.on('ready', () => {
      settled = true;
      resolve(client);
    });
    client.on('error', (error) => fail(sshError(server, error, login, connectTimeoutMs / 1000)));
    client.on('close', () => {
      const text = `server ${server.name}: the connection closed during the SSH handshake`;
      fail(new JobdeckError('ssh_unreachable', text));
    });
    try {
      client.connect({
        sock,
        username: login.username,
        privateKey: login.privateKey,
        passphrase: login.passphrase,
        agent: login.agent,
        readyTimeout: connectTimeoutMs,
        keepaliveInterval: KEEPALIVE_INTERVAL_MS,
        keepaliveCountMax: KEEPALIVE_COUNT_MAX,
        hostVerifier: (key, done) => {
          refusal = verify(key);
          done(refusal === undefined);
        },
        ...(algorithms && algorithms.length > 0
          ? { algorithms: { serverHostKey: algorithms } }
          : {}),
      });
    } catch (error) {
      fail(keyRefused(server, login.method, error));
    }
  });
}

async function trustSources(target: SshTarget): Promise<TrustSources> {
  const { server } = target;
  let knownKeys: TrustSources['knownKeys'] = [];
  if (server.known_hosts) {
    const text = await readFile(server.known_hosts, 'utf8').catch((error: unknown) => {
      const why = `cannot read known_hosts file ${server.known_hosts}: ${messageOf(error)}`;
      throw new JobdeckError('host_key_unknown', `server ${server.name}: ${why}`);
    });
    knownKeys = knownHostKeys(text, server.host, server.port);
  }
  const trusted = server.host_key ? null : await target.trusted();
  return { server, trusted, knownKeys };
}

/** Connects and logs in; refuses unknown and changed host keys before any command runs. */
export async function connectSsh(target: SshTarget): Promise<SshClient> {
  const login = await credentialsFor(target.server, target.env);
  const sources = await trustSources(target);
  const sock = await openSocket(target);
  const verify: Verify = (key) => checkHostKey(key, sources);
  return handshake(target, sock, login, verify, hostKeyAlgorithms(sources.knownKeys));
}

/** The host key the server presents, read without logging in (for `servers trust`). */
export async function presentedHostKey(target: SshTarget): Promise<Buffer> {
  const sock = await openSocket(target);
  let seen: Buffer | undefined;
  const stop = new JobdeckError('host_key_unknown', 'host key read; handshake stopped');
  const login = { username: target.server.user ?? 'jobdeck', method: 'none' };
  try {
    const client = await handshake(target, sock, login, (key) => {
      seen = key;
      return stop;
    });
    client.end();
  } catch (error) {
    if (seen) return seen;
    throw error;
  }
  throw new JobdeckError('ssh_unreachable', `server ${target.server.name}: presented no host key`);
}
