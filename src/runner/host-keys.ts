/** Host key facts: OpenSSH fingerprints and known_hosts lookups (plain, hashed, [host]:port). */
import { createHash, createHmac } from 'node:crypto';
import { HOST_KEY_ALGORITHMS, type HostKeyAlgorithm } from './ssh-types.js';

/** The OpenSSH `SHA256:` fingerprint of a raw key blob: unpadded base64 of its sha256. */
export function fingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The algorithm name at the front of a key blob, such as `ssh-ed25519`. */
export function keyType(key: Buffer): string {
  if (key.length < 4) return 'unknown';
  const length = key.readUInt32BE(0);
  if (length > 64 || key.length < 4 + length) return 'unknown';
  return key.subarray(4, 4 + length).toString('latin1');
}

/** "ED25519", "RSA", "ECDSA": the short name people see in `ssh-keygen -l`. */
export function keyLabel(key: Buffer): string {
  const type = keyType(key);
  if (type === 'ssh-ed25519') return 'ED25519';
  if (type.startsWith('ecdsa')) return 'ECDSA';
  if (type === 'ssh-rsa') return 'RSA';
  return type.toUpperCase();
}

export interface KnownKey {
  type: string;
  key: Buffer;
  revoked: boolean;
}

/** How OpenSSH names a host in known_hosts: `host`, or `[host]:port` off port 22. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function hashedMatch(pattern: string, name: string): boolean {
  const [, magic, salt, hash] = pattern.split('|');
  if (magic !== '1' || !salt || !hash) return false;
  const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
  return digest === hash;
}

function wildcardMatch(pattern: string, name: string): boolean {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i').test(name);
}

/** Whether a comma-separated host field names the host; a matching `!pattern` excludes it. */
function hostFieldMatches(field: string, name: string): boolean {
  if (field.startsWith('|')) return hashedMatch(field, name);
  let matched = false;
  for (const pattern of field.split(',')) {
    const negated = pattern.startsWith('!');
    if (!wildcardMatch(negated ? pattern.slice(1) : pattern, name)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

function parseLine(line: string, name: string): KnownKey | undefined {
  const words = line.trim().split(/\s+/);
  if (words.length === 0 || words[0] === '' || words[0]?.startsWith('#')) return undefined;
  const marker = words[0]?.startsWith('@') ? words.shift() : undefined;
  if (marker === '@cert-authority') return undefined;
  const [hosts, type, base64] = words;
  if (!hosts || !type || !base64 || !hostFieldMatches(hosts, name)) return undefined;
  return { type, key: Buffer.from(base64, 'base64'), revoked: marker === '@revoked' };
}

/** Every key a known_hosts text lists for the host and port. */
export function knownHostKeys(text: string, host: string, port: number): KnownKey[] {
  const name = knownHostsName(host, port);
  const keys: KnownKey[] = [];
  for (const line of text.split('\n')) {
    const entry = parseLine(line, name);
    if (entry) keys.push(entry);
  }
  return keys;
}

/** The host key algorithms to offer so the server presents a key type we know. */
export function hostKeyAlgorithms(keys: readonly KnownKey[]): HostKeyAlgorithm[] {
  const types = keys.filter((k) => !k.revoked).map((k) => k.type);
  return HOST_KEY_ALGORITHMS.filter((algorithm) =>
    types.includes(algorithm.startsWith('rsa-sha2') ? 'ssh-rsa' : algorithm),
  );
}
