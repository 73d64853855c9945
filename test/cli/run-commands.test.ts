import { describe, expect, it } from 'vitest';
import { makeRunner, testItem } from '../runner/harness.js';
import { sharedSshd, sshServer } from '../setup/servers.js';
import { cliFolder, jobdeck } from './cli-harness.js';

const dir = cliFolder([{ name: 'local', transport: 'local' }, sshServer(sharedSshd())]);
const run = (...argv: string[]) => jobdeck(dir, argv);

describe('jobdeck run', () => {
  it('streams the output live, then prints a one-line summary; exit 0', async () => {
    const result = await run('run', 'greet', '--server', 'local', 'who=world');
    expect(result.out).toBe('hello world\n');
    expect(result.err).toMatch(/^note\n✔ greet on local: success in \d+\.\ds \(run 1\)\n$/);
    expect(result.code).toBe(0);
  });

  it('runs over SSH and exits 1 when the command fails, saying why', async () => {
    const result = await run('run', 'broken', '--server', 'box');
    expect(result.code).toBe(1);
    expect(result.out).toBe('');
    expect(result.err).toMatch(
      /^bad thing\n✘ broken on box: failure in \d+\.\ds \(run 2\): exit code 3\n$/,
    );
  });

  it('--json prints the run record', async () => {
    const result = await run('run', 'greet', '--server', 'box', 'who=json', '--json');
    expect(result.code).toBe(0);
    const record = JSON.parse(result.out);
    expect(record).toMatchObject({
      id: 3,
      item_name: 'greet',
      server_name: 'box',
      status: 'success',
      exit_code: 0,
      parameters: { who: 'json' },
      trigger: 'manual',
    });
    expect(record.output_head.split('\n').sort()).toEqual(['', 'hello json', 'note']);
  });

  it('refuses missing parameters and unknown items before running anything', async () => {
    const missing = await run('run', 'greet', '--server', 'local');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('who:');
    const unknown = await run('run', 'greeet', '--server', 'local');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('greet');
    const server = await run('run', 'greet', '--server', 'nowhere', 'who=x');
    expect(server.err).toContain('no server named "nowhere"');
  });

  it('asks before running an item marked dangerous; --yes skips the question', async () => {
    const declined = await jobdeck(dir, ['run', 'wipe', '--server', 'local'], 'n\n');
    expect(declined.code).toBe(1);
    expect(declined.out).toBe('');
    expect(declined.err).toContain('Run it on local? [y/N]');
    const confirmed = await jobdeck(dir, ['run', 'wipe', '--server', 'local'], 'y\n');
    expect(confirmed.out).toBe('wiped\n');
    const forced = await run('run', 'wipe', '--server', 'local', '--yes');
    expect(forced.code).toBe(0);
  });
});

describe('jobdeck history and runs', () => {
  it('lists runs newest first, filtered by item or server', async () => {
    const all = await run('history');
    const lines = all.out.trim().split('\n');
    expect(lines[0]).toMatch(/^RUN\s+STATUS\s+ITEM\s+SERVER\s+TRIGGER\s+STARTED\s+TOOK\s+EXIT$/);
    expect(lines[1]).toMatch(/^5\s+✔ success\s+wipe\s+local\s+manual\s+\d{4}-\d\d-\d\d /);
    const failed = await run('history', '--item', 'broken');
    expect(failed.out).toMatch(/\n2\s+✘ failure\s+broken\s+box\s+manual .* 3\n$/);
    const onBox = await run('history', '--server', 'box', '--json');
    expect(JSON.parse(onBox.out).map((r: { id: number }) => r.id)).toEqual([3, 2]);
    const limited = await run('history', '--limit', '1');
    expect(limited.out.trim().split('\n')).toHaveLength(2);
  });

  it('shows one run in full', async () => {
    const shown = await run('runs', 'show', '1');
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('Run 1\n');
    expect(shown.out).toContain('  Status     ✔ success\n');
    expect(shown.out).toContain('  Parameters who="world"\n');
    expect(shown.out).toContain('  Command    echo hello world; echo note >&2\n');
    const output = shown.out.slice(shown.out.indexOf('Output (17 bytes):\n') + 19);
    expect(output.split('\n').sort()).toEqual(['', '', 'hello world', 'note']);
    const missing = await run('runs', 'show', '99');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('no run 99');
  });

  it('cancel says when the run is not running', async () => {
    const result = await run('runs', 'cancel', '1');
    expect(result.code).toBe(1);
    expect(result.err).toBe('run 1 is not running (success)\n');
  });
});

describe('jobdeck runs cancel', () => {
  it('stops a run that another jobdeck process is running', async () => {
    const other = await makeRunner({ dir, servers: [{ name: 'local', transport: 'local' }] });
    try {
      const request = { item: testItem('echo started; sleep 60'), server: 'local', values: {} };
      const { runId, done } = await other.runner.submit({
        ...request,
        actor: 'daemon',
        trigger: 'schedule',
      });
      const result = await run('runs', 'cancel', String(runId));
      expect(result.out).toBe(
        `cancel requested for run ${runId}; the process running it stops it shortly\n`,
      );
      expect(result.code).toBe(0);
      expect(await done).toMatchObject({ status: 'cancelled', trigger: 'schedule' });
    } finally {
      await other.close();
    }
  });
});
