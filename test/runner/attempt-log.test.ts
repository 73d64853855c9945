import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliFolder, jobdeck } from '../cli/cli-harness.js';
import { sharedSshd, sshServer } from '../setup/servers.js';
import { makeRunner, testItem } from './harness.js';

// The runner and the command line share one folder, so `jobdeck runs show` reads these runs.
const dir = cliFolder([sshServer(sharedSshd())]);
const h = await makeRunner({ servers: [sshServer(sharedSshd())], dir });
afterAll(() => h.close());

interface Entry {
  attempt: number;
  started_at: number;
  finished_at: number;
  status: string;
  exit_code: number | null;
  signal: string | null;
  timed_out: boolean;
  error: string | null;
}

/** A command whose Nth run (counted in a file) does `then`, earlier runs `before`. */
function counted(name: string, n: number, before: string, then: string): string {
  const file = join(h.dir, name);
  return [
    `c=$(cat '${file}' 2>/dev/null || echo 0); c=$((c+1)); echo $c > '${file}'`,
    `if [ $c -ge ${n} ]; then ${then}; else ${before}; fi`,
  ].join('\n');
}

async function runOf(command: string, overrides: Record<string, unknown>) {
  const request = { server: 'box', values: {}, actor: 'tester', trigger: 'manual' as const };
  const run = await (await h.runner.submit({ ...request, item: testItem(command, overrides) }))
    .done;
  return { run, log: JSON.parse(run.attempt_log) as Entry[] };
}

describe('every attempt recorded', () => {
  it('keeps each attempt: number, start, end, exit code, and shows them', async () => {
    const command = counted('fails-twice', 3, 'echo "try $c" >&2; exit 1', 'echo done');
    const { run, log } = await runOf(command, { default_retry_count: 2 });
    expect(run).toMatchObject({ status: 'success', attempts: 3, exit_code: 0 });
    expect(log.map((e) => e.attempt)).toEqual([1, 2, 3]);
    expect(log.map((e) => e.exit_code)).toEqual([1, 1, 0]);
    expect(log.map((e) => e.status)).toEqual(['failure', 'failure', 'success']);
    expect(log.map((e) => e.error)).toEqual(['exit code 1', 'exit code 1', null]);
    expect(log.every((e) => !e.timed_out && e.finished_at >= e.started_at)).toBe(true);
    expect(log[1]?.started_at).toBeGreaterThanOrEqual(log[0]?.finished_at ?? Infinity);

    const shown = await jobdeck(dir, ['runs', 'show', String(run.id)]);
    expect(shown.code).toBe(0);
    const section = shown.out.slice(shown.out.indexOf('Attempts:\n'), shown.out.indexOf('Output'));
    const rows = section.trim().split('\n').slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toMatch(/^ {2}#1\s+failure\s+exit 1\s+\d{4}-\d\d-\d\d .*exit code 1$/);
    expect(rows[2]).toMatch(/^ {2}#3\s+success\s+exit 0\s+/);
    const asJson = JSON.parse((await jobdeck(dir, ['runs', 'show', String(run.id), '--json'])).out);
    expect(asJson.attempt_log.map((e: Entry) => e.exit_code)).toEqual([1, 1, 0]);
  });

  it('marks an attempt that ran out of time as timed out', async () => {
    const command = counted('slow-once', 2, 'sleep 30', 'echo quick');
    const { run, log } = await runOf(command, { default_retry_count: 1, default_timeout: 1 });
    expect(run).toMatchObject({ status: 'success', attempts: 2 });
    expect(log.map((e) => [e.attempt, e.status, e.timed_out])).toEqual([
      [1, 'timeout', true],
      [2, 'success', false],
    ]);
    expect(log[0]?.error).toContain('timed out after 1 s');
    const shown = await jobdeck(dir, ['runs', 'show', String(run.id)]);
    expect(shown.out).toMatch(/\n {2}#1\s+timed out\s+SIGTERM\s+/);
  });

  it('records the single attempt of a run that needs no retry', async () => {
    const { log } = await runOf('exit 4', {});
    expect(log).toMatchObject([{ attempt: 1, exit_code: 4, status: 'failure', timed_out: false }]);
  });
});
