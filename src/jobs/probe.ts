/** Capability probing: one exec reads os-release and looks for the tools catalog items need. */
import type { ExecSpec } from '../runner/executor.js';

/** Capability name, and the sh test that is true when the server has it. */
const CHECKS: ReadonlyArray<readonly [string, string]> = [
  ['docker', 'has docker'],
  ['podman', 'has podman'],
  ['apt', 'has apt-get'],
  ['dnf', 'has dnf'],
  ['yum', 'has yum'],
  ['apk', 'has apk'],
  ['pacman', 'has pacman'],
  ['systemd', 'has systemctl && [ -d /run/systemd/system ]'],
  ['zfs', 'has zfs'],
  ['rsync', 'has rsync'],
  ['curl', 'has curl'],
  ['wget', 'has wget'],
  ['dig', 'has dig'],
  ['fail2ban', 'has fail2ban-client'],
  ['git', 'has git'],
  ['python3', 'has python3'],
  ['sudo', 'has sudo'],
];

export const PROBED_CAPABILITIES: readonly string[] = CHECKS.map(([name]) => name);

const SEPARATOR = '@@jobdeck-capabilities@@';

export const PROBE_SPEC: ExecSpec = {
  command: [
    'cat /etc/os-release 2>/dev/null || cat /usr/lib/os-release 2>/dev/null',
    `echo '${SEPARATOR}'`,
    'has() { command -v "$1" >/dev/null 2>&1; }',
    ...CHECKS.map(([name, test]) => `if ${test}; then echo ${name}; fi`),
    'true',
  ].join('\n'),
};

export interface ProbeResult {
  distro: string | null;
  distroVersion: string | null;
  capabilities: string[];
}

/** One os-release value, unquoted; os-release is a list of KEY=value shell assignments. */
function osReleaseValue(text: string, key: string): string | null {
  const line = text.split('\n').find((l) => l.startsWith(`${key}=`));
  if (!line) return null;
  const raw = line.slice(key.length + 1).trim();
  const quoted = /^(["'])(.*)\1$/.exec(raw);
  const value = quoted ? (quoted[2] ?? '').replace(/\\(["\\$`])/g, '$1') : raw;
  return value === '' ? null : value;
}

export function parseProbe(stdout: string): ProbeResult {
  const at = stdout.indexOf(SEPARATOR);
  const release = at < 0 ? '' : stdout.slice(0, at);
  const listed = at < 0 ? [] : stdout.slice(at + SEPARATOR.length).split('\n');
  return {
    distro: osReleaseValue(release, 'ID')?.toLowerCase() ?? null,
    distroVersion: osReleaseValue(release, 'VERSION_ID'),
    capabilities: listed.map((l) => l.trim()).filter((l) => PROBED_CAPABILITIES.includes(l)),
  };
}
