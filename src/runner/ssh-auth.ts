/** Reads what a server's login needs: its private key and passphrase, or the agent socket. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import type { ServerConfig } from '../config/schema.js';
import { JobdeckError, messageOf } from '../errors.js';

export interface Credentials {
  username: string;
  privateKey?: Buffer | undefined;
  passphrase?: string | undefined;
  agent?: string | undefined;
  /** How we log in, in words: "key /path" or "the ssh-agent". */
  method: string;
}

const DEFAULT_KEYS = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

function refuse(server: ServerConfig, text: string, cause?: unknown): JobdeckError {
  return new JobdeckError('ssh_auth_failed', `server ${server.name}: ${text}`, { cause });
}

function agentSocket(server: ServerConfig, env: NodeJS.ProcessEnv): string {
  const socket = env.SSH_AUTH_SOCK;
  if (!socket) throw refuse(server, 'agent: true, but SSH_AUTH_SOCK is not set: start ssh-agent');
  return socket;
}

async function readKey(server: ServerConfig, path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw refuse(server, `cannot read private key ${path}: ${messageOf(error)}`, error);
  }
}

function passphrase(server: ServerConfig, env: NodeJS.ProcessEnv): string | undefined {
  if (!server.passphrase_env) return undefined;
  const value = env[server.passphrase_env];
  if (!value) throw refuse(server, `passphrase_env ${server.passphrase_env} is not set`);
  return value;
}

function defaultKey(): string | undefined {
  return DEFAULT_KEYS.map((name) => join(homedir(), '.ssh', name)).find((p) => existsSync(p));
}

/** The login for a server: its key file, the agent, or (neither set) ~/.ssh's default key. */
export async function credentialsFor(
  server: ServerConfig,
  env: NodeJS.ProcessEnv,
): Promise<Credentials> {
  const username = server.user ?? userInfo().username;
  if (server.agent) {
    return { username, agent: agentSocket(server, env), method: 'the ssh-agent' };
  }
  const path = server.private_key ?? defaultKey();
  if (!path) {
    if (env.SSH_AUTH_SOCK) return { username, agent: env.SSH_AUTH_SOCK, method: 'the ssh-agent' };
    throw refuse(server, 'no private_key set and no ~/.ssh/id_* key: set private_key or agent');
  }
  const privateKey = await readKey(server, path);
  return { username, privateKey, passphrase: passphrase(server, env), method: `key ${path}` };
}

/** A key ssh2 could not use: wrong or missing passphrase, or not a private key. */
export function keyRefused(server: ServerConfig, method: string, error: unknown): JobdeckError {
  const text = messageOf(error);
  const hint = /passphrase/i.test(text) ? '; set passphrase_env to the variable holding it' : '';
  return refuse(server, `cannot use ${method}: ${text}${hint}`, error);
}
