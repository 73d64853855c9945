import { describe, expect, it } from 'vitest';
import { sharedSshd, sshServer } from '../setup/servers.js';
import { cliFolder, jobdeck } from './cli-harness.js';

const sshd = sharedSshd();
const dir = cliFolder([
  { name: 'local', transport: 'local', capabilities: ['gpu'] },
  sshServer(sshd, { name: 'stranger', host_key: undefined }),
]);
const run = (...argv: string[]) => jobdeck(dir, argv);

describe('jobdeck servers', () => {
  it('list shows servers not yet probed, then probe fills in distro and capabilities', async () => {
    const before = await run('servers', 'list');
    expect(before.code).toBe(0);
    expect(before.out).toContain('local  (local, this machine)\n  status        not probed\n');
    expect(before.out).toContain(`stranger  (ssh, 127.0.0.1:${sshd.port})`);
    expect(before.out).toContain('  capabilities  gpu\n');

    const probed = await run('servers', 'probe', 'local');
    expect(probed.code).toBe(0);
    expect(probed.out).toContain('  status        reachable\n');
    expect(probed.out).toMatch(/ {2}distro {8}\w+/);
    expect(probed.out).toMatch(/ {2}last probe {4}\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC/);

    const listed = JSON.parse((await run('servers', 'list', '--json')).out);
    expect(
      listed.map((s: { name: string; reachable: boolean | null }) => [s.name, s.reachable]),
    ).toEqual([
      ['local', true],
      ['stranger', null],
    ]);
  });

  it('an unknown host is refused until `servers trust` records its key', async () => {
    const refused = await run('run', 'greet', '--server', 'stranger', 'who=you');
    expect(refused.code).toBe(1);
    expect(refused.out).toBe('');
    expect(refused.err).toContain(`presented ED25519 key ${sshd.hostKeyFingerprint}`);
    expect(refused.err).toContain('run `jobdeck servers trust stranger`');

    const declined = await jobdeck(dir, ['servers', 'trust', 'stranger'], 'no\n');
    expect(declined.code).toBe(1);
    expect(declined.out).toContain(`presents ED25519 key ${sshd.hostKeyFingerprint}`);
    expect(declined.err).toContain('Trust this key for future runs? [y/N] not trusted');

    const trusted = await run('servers', 'trust', 'stranger', '--yes');
    expect(trusted.code).toBe(0);
    expect(trusted.out).toContain(`trusted: server stranger is ${sshd.hostKeyFingerprint}`);

    const ran = await run('run', 'greet', '--server', 'stranger', 'who=you');
    expect(ran.out).toBe('hello you\n');
    expect(ran.code).toBe(0);
  });

  it('probe of an unreachable server fails with the cause', async () => {
    const other = cliFolder([sshServer(sshd, { name: 'down', port: 1 })]);
    const result = await jobdeck(other, ['servers', 'probe', 'down']);
    expect(result.code).toBe(1);
    expect(result.err).toContain('connection refused by 127.0.0.1:1');
    const listed = await jobdeck(other, ['servers', 'list']);
    expect(listed.out).toContain('  status        unreachable\n');
    expect(listed.out).toContain('  last error    server down: connection refused');
  });
});
