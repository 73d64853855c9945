/** Test helpers: the shared sshd from globalSetup, and server entries for jobdeck.yaml. */
import { inject } from 'vitest';
import type { SshdInfo } from './sshd.js';

/** The run-wide sshd; throws (failing the test) when globalSetup found no sshd. */
export function sharedSshd(): SshdInfo {
  const info = inject('sshd');
  if ('missing' in info) throw new Error(info.missing);
  return info;
}

/** A `servers:` entry that reaches the sshd with its client key and pinned host key. */
export function sshServer(info: SshdInfo, overrides: Record<string, unknown> = {}) {
  return {
    name: 'box',
    host: info.host,
    port: info.port,
    user: info.user,
    private_key: info.clientKey,
    host_key: info.hostKeyFingerprint,
    ...overrides,
  };
}
