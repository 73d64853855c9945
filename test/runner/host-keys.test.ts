import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fingerprint, knownHostKeys } from '../../src/runner/host-keys.js';
import { sharedSshd, sshServer } from '../setup/servers.js';
import { startSshd } from '../setup/sshd.js';
import { type Harness, makeRunner, testItem } from './harness.js';

const sshd = sharedSshd();
const open: Harness[] = [];
afterAll(async () => {
  for (const h of open) await h.close();
});

async function harness(server: Record<string, unknown>, dir?: string): Promise<Harness> {
  const h = await makeRunner({ servers: [server], dir });
  open.push(h);
  return h;
}

/** Runs a command that leaves a file behind, so "nothing ran" can be checked on the host. */
async function runTouching(h: Harness, name = 'box') {
  const proof = join(h.dir, `ran-${Math.random().toString(36).slice(2)}`);
  const item = testItem(`touch '${proof}'`);
  const request = { item, server: name, values: {}, actor: 't', trigger: 'manual' as const };
  const run = await (await h.runner.submit(request)).done;
  return { run, ran: existsSync(proof) };
}

function publicKeyLine(): string {
  return readFileSync(`${sshd.hostKey}.pub`, 'utf8').trim().split(' ').slice(0, 2).join(' ');
}

describe('host key verification', () => {
  it('computes the same fingerprint as ssh-keygen', () => {
    const blob = Buffer.from(publicKeyLine().split(' ')[1] ?? '', 'base64');
    expect(fingerprint(blob)).toBe(sshd.hostKeyFingerprint);
  });

  it('refuses an unknown host, naming its fingerprint and how to trust it', async () => {
    const h = await harness(sshServer(sshd, { host_key: undefined }));
    const { run, ran } = await runTouching(h);
    expect(ran).toBe(false);
    expect(run.status).toBe('failure');
    expect(run.attempts).toBe(1);
    expect(run.error).toContain(
      `not trusted yet: it presented ED25519 key ${sshd.hostKeyFingerprint}`,
    );
    expect(run.error).toContain('jobdeck servers trust box');
    expect(run.error).toContain(`host_key: ${sshd.hostKeyFingerprint}`);
  });

  it('refuses a key that differs from host_key in the config, loudly', async () => {
    const other = 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    const h = await harness(sshServer(sshd, { host_key: other }));
    const { run, ran } = await runTouching(h);
    expect(ran).toBe(false);
    expect(run.status).toBe('failure');
    expect(run.error).toContain('HOST KEY CHANGED');
    expect(run.error).toContain(`presented ED25519 key ${sshd.hostKeyFingerprint}`);
    expect(run.error).toContain(`jobdeck trusts ${other}`);
    expect(run.error).toContain('Nothing was run');
  });

  it('trusts a recorded key, then refuses the server once its key changes', async () => {
    const first = await startSshd({ clientKey: sshd.clientKey });
    const h = await harness(sshServer(first, { host_key: undefined }));
    expect((await runTouching(h)).run.error).toContain('not trusted yet');
    const key = await h.servers.presentedKey('box');
    expect(key).toEqual({ fingerprint: first.hostKeyFingerprint, type: 'ED25519' });
    await h.servers.trust('box', key.fingerprint);
    expect((await runTouching(h)).run.status).toBe('success');

    const port = first.port;
    await first.stop();
    await h.executors.close();
    const second = await startSshd({ port, clientKey: sshd.clientKey });
    try {
      const { run, ran } = await runTouching(h);
      expect(ran).toBe(false);
      expect(run.error).toContain('HOST KEY CHANGED');
      expect(run.error).toContain(`presented ED25519 key ${second.hostKeyFingerprint}`);
      expect(run.error).toContain(`jobdeck trusts ${first.hostKeyFingerprint}`);
      expect(run.error).toContain('jobdeck servers trust box');
    } finally {
      await second.stop();
    }
  });
});

describe('known_hosts files', () => {
  const entry = (host: string) => `${host} ${publicKeyLine()}`;
  const hostName = `[${sshd.host}]:${sshd.port}`;

  it('accepts the host listed in [host]:port form', async () => {
    const file = join(sshd.dir, 'known_hosts_plain');
    writeFileSync(file, `# comment\nother.example ${publicKeyLine()}\n${entry(hostName)}\n`);
    const h = await harness(sshServer(sshd, { host_key: undefined, known_hosts: file }));
    expect((await runTouching(h)).run.status).toBe('success');
  });

  it('accepts hashed entries written by ssh-keygen -H', async () => {
    const file = join(sshd.dir, 'known_hosts_hashed');
    writeFileSync(file, `${entry(hostName)}\n`);
    execFileSync('ssh-keygen', ['-q', '-H', '-f', file]);
    expect(readFileSync(file, 'utf8')).toMatch(/^\|1\|/);
    expect(knownHostKeys(readFileSync(file, 'utf8'), sshd.host, sshd.port)).toHaveLength(1);
    const h = await harness(sshServer(sshd, { host_key: undefined, known_hosts: file }));
    expect((await runTouching(h)).run.status).toBe('success');
  });

  it('refuses a host whose listed key differs', async () => {
    const file = join(sshd.dir, 'known_hosts_wrong');
    const otherKey = readFileSync(`${sshd.clientKey}.pub`, 'utf8').split(' ').slice(0, 2);
    writeFileSync(file, `${hostName} ${otherKey.join(' ')}\n`);
    const h = await harness(sshServer(sshd, { host_key: undefined, known_hosts: file }));
    const { run, ran } = await runTouching(h);
    expect(ran).toBe(false);
    expect(run.error).toContain('HOST KEY CHANGED');
    expect(run.error).toContain(`known_hosts file ${file}`);
  });

  it('treats a host missing from the file as unknown', async () => {
    const file = join(sshd.dir, 'known_hosts_other');
    writeFileSync(file, `${entry(sshd.host)}\n`);
    const h = await harness(sshServer(sshd, { host_key: undefined, known_hosts: file }));
    const { run } = await runTouching(h);
    expect(run.error).toContain('not trusted yet');
  });
});
