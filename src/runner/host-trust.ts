/** Decides whether the key a server presents is the one jobdeck trusts, and says why not. */
import { JobdeckError } from '../errors.js';
import { fingerprint, type KnownKey, keyLabel } from './host-keys.js';

export interface TrustSources {
  server: {
    readonly name: string;
    readonly host: string;
    readonly port: number;
    readonly host_key?: string | undefined;
    readonly known_hosts?: string | undefined;
  };
  /** The fingerprint `jobdeck servers trust` recorded, if any. */
  trusted: string | null;
  /** What the server's known_hosts file lists for its host and port. */
  knownKeys: readonly KnownKey[];
}

function where(sources: TrustSources): string {
  const { name, host, port } = sources.server;
  return `server ${name} (${host}:${port})`;
}

interface Trust {
  expected: string;
  from: string;
  fix: string;
}

function changed(sources: TrustSources, presented: Buffer, trust: Trust): JobdeckError {
  const seen = `${keyLabel(presented)} key ${fingerprint(presented)}`;
  return new JobdeckError(
    'host_key_changed',
    `HOST KEY CHANGED: ${where(sources)} presented ${seen}, but jobdeck trusts ` +
      `${trust.expected} (${trust.from}). Someone may be intercepting the connection, or the ` +
      `server was reinstalled. Nothing was run. If the change is expected, check the key on ` +
      `the server (ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub), then ${trust.fix}.`,
  );
}

function unknown(sources: TrustSources, presented: Buffer): JobdeckError {
  const print = fingerprint(presented);
  const { name } = sources.server;
  return new JobdeckError(
    'host_key_unknown',
    `${where(sources)} is not trusted yet: it presented ${keyLabel(presented)} key ${print}. ` +
      `If that is the server's key, run \`jobdeck servers trust ${name}\`, ` +
      `or add \`host_key: ${print}\` to server ${name} in jobdeck.yaml.`,
  );
}

/** undefined when the key is trusted; otherwise the error that refuses the connection. */
export function checkHostKey(presented: Buffer, sources: TrustSources): JobdeckError | undefined {
  const print = fingerprint(presented);
  const { name, host_key: configured, known_hosts: file } = sources.server;
  const inFile = { from: `known_hosts file ${file}`, fix: `update its entry in ${file}` };
  if (sources.knownKeys.some((k) => k.revoked && k.key.equals(presented))) {
    return changed(sources, presented, { expected: 'no revoked key', ...inFile });
  }
  if (configured) {
    if (print === configured) return undefined;
    const fix = `update host_key of server ${name} in jobdeck.yaml`;
    return changed(sources, presented, { expected: configured, from: 'host_key', fix });
  }
  const listed = sources.knownKeys.filter((k) => !k.revoked);
  if (listed.length > 0) {
    if (listed.some((k) => k.key.equals(presented))) return undefined;
    const expected = listed.map((k) => fingerprint(k.key)).join(' or ');
    return changed(sources, presented, { expected, ...inFile });
  }
  if (sources.trusted) {
    if (print === sources.trusted) return undefined;
    const from = 'recorded by `jobdeck servers trust`';
    const fix = `run \`jobdeck servers trust ${name}\` again`;
    return changed(sources, presented, { expected: sources.trusted, from, fix });
  }
  return unknown(sources, presented);
}
