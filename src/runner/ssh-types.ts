/** The small part of ssh2 jobdeck uses, so the seam is visible and a fake fits. */
import type { Duplex, Readable } from 'node:stream';

export const HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
] as const;

export type HostKeyAlgorithm = (typeof HOST_KEY_ALGORITHMS)[number];

export interface SshConnectOptions {
  sock: Duplex;
  username: string;
  privateKey?: Buffer | undefined;
  passphrase?: string | undefined;
  agent?: string | undefined;
  readyTimeout: number;
  keepaliveInterval: number;
  keepaliveCountMax: number;
  hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => void;
  algorithms?: { serverHostKey: HostKeyAlgorithm[] };
}

export interface SshChannel {
  readonly stderr: Readable;
  on(event: 'data', listener: (chunk: Buffer) => void): this;
  on(event: 'exit', listener: (code: number | null, signal?: string) => void): this;
  on(event: 'close', listener: () => void): this;
  close(): void;
}

export interface SshClient {
  connect(options: SshConnectOptions): unknown;
  exec(command: string, callback: (error: Error | undefined, channel: SshChannel) => void): unknown;
  end(): unknown;
  destroy(): unknown;
  on(event: 'ready' | 'close', listener: () => void): unknown;
  on(event: 'error', listener: (error: Error & { level?: string }) => void): unknown;
}

export type SshClientFactory = () => SshClient;
