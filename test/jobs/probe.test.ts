import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseProbe } from '../../src/jobs/probe.js';
import { type Harness, makeRunner } from '../runner/harness.js';
import { sharedSshd, sshServer } from '../setup/servers.js';
import { freePort } from '../setup/sshd.js';

const sshd = sharedSshd();
const open: Harness[] = [];
afterAll(async () => {
  for (const h of open) await h.close();
});

async function harness(servers: Record<string, unknown>[]) {
  const h = await makeRunner({ servers });
  open.push(h);
  return h;
}

function osRelease(key: string): string | null {
  const line = readFileSync('/etc/os-release', 'utf8')
    .split('\n')
    .find((l) => l.startsWith(`${key}=`));
  return line ? line.slice(key.length + 1).replace(/^"|"$/g, '') : null;
}

const hasHere = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

describe('probing over SSH', () => {
  it('reads the distro and detects tools, stored with the probe time', async () => {
    const h = await harness([sshServer(sshd, { capabilities: ['gpu'] })]);
    const before = await h.servers.get('box');
    expect(before).toMatchObject({ probedAt: null, reachable: null, capabilities: ['gpu'] });

    const state = await h.servers.probe('box');
    expect(state.distro).toBe(osRelease('ID'));
    expect(state.distroVersion).toBe(osRelease('VERSION_ID'));
    expect(state.reachable).toBe(true);
    expect(state.probedAt).toBeGreaterThan(0);
    expect(state.capabilities).toContain('gpu');
    for (const [capability, command] of [
      ['apt', 'apt-get'],
      ['dnf', 'dnf'],
      ['docker', 'docker'],
      ['zfs', 'zfs'],
      ['rsync', 'rsync'],
      ['curl', 'curl'],
    ] as const) {
      expect([capability, state.capabilities.includes(capability)]).toEqual([
        capability,
        hasHere(command),
      ]);
    }
  });

  it('probes on first use, then reuses the result while it is fresh', async () => {
    const h = await harness([sshServer(sshd)]);
    const first = await h.servers.facts('box');
    expect(first.probedAt).not.toBeNull();
    expect(first.distro).toBe(osRelease('ID'));
    const again = await h.servers.facts('box');
    expect(again.probedAt).toBe(first.probedAt);
  });

  it('records an unreachable server with the cause', async () => {
    const port = await freePort();
    const h = await harness([sshServer(sshd, { port })]);
    await expect(h.servers.probe('box')).rejects.toThrow(/connection refused/);
    const state = await h.servers.get('box');
    expect(state.reachable).toBe(false);
    expect(state.lastError).toContain(`connection refused by 127.0.0.1:${port}`);
    const listed = await h.servers.list();
    expect(listed.map((s) => [s.name, s.reachable])).toEqual([['box', false]]);
  });
});

describe('probing this machine', () => {
  it('uses the local executor and sees exactly the tools on its PATH', async () => {
    const bin = mkdtempSync(join(tmpdir(), 'jobdeck-bin-'));
    for (const tool of ['sh', 'cat']) symlinkSync(`/bin/${tool}`, join(bin, tool));
    for (const tool of ['docker', 'zfs', 'rsync']) {
      writeFileSync(join(bin, tool), '#!/bin/sh\n');
      chmodSync(join(bin, tool), 0o755);
    }
    const path = process.env.PATH;
    process.env.PATH = bin;
    try {
      const h = await harness([{ name: 'here', transport: 'local' }]);
      const state = await h.servers.probe('here');
      expect(state.capabilities).toEqual(['docker', 'rsync', 'zfs']);
      expect(state.distro).toBe(osRelease('ID'));
    } finally {
      process.env.PATH = path;
    }
  });

  it('parses quoted os-release values', () => {
    const text =
      'NAME="Rocky Linux"\nID="rocky"\nVERSION_ID=\'9.3\'\n@@jobdeck-capabilities@@\ndnf\n';
    expect(parseProbe(text)).toEqual({
      distro: 'rocky',
      distroVersion: '9.3',
      capabilities: ['dnf'],
    });
  });
});
