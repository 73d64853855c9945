import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { processesAppear, processesLeft, uniqueMarker } from '../setup/processes.js';
import { sharedSshd, sshServer } from '../setup/servers.js';
import { makeRunner, outputOf, testItem } from './harness.js';

const h = await makeRunner({ servers: [sshServer(sharedSshd())] });
afterAll(() => h.close());

const submit = (command: string, overrides = {}, extra = {}) =>
  h.runner.submit({
    item: testItem(command, overrides),
    server: 'box',
    values: {},
    actor: 'tester',
    trigger: 'manual',
    ...extra,
  });

function startedOnce(runId: number): Promise<void> {
  return new Promise((resolve) => {
    const off = h.runner.on((event) => {
      if (event.type === 'output' && event.runId === runId && event.text.includes('ready')) {
        off();
        resolve();
      }
    });
  });
}

describe('runs over SSH', () => {
  it('records a successful run from queued to success, with its output', async () => {
    const { runId, done } = await submit('echo hello; echo warning >&2; echo done');
    const run = await done;
    expect(run).toMatchObject({
      status: 'success',
      exit_code: 0,
      attempts: 1,
      actor: 'tester',
      trigger: 'manual',
      server_name: 'box',
      output_bytes: 19,
    });
    expect(run.duration_ms).toBeGreaterThanOrEqual(0);
    const kinds = h.events.filter((e) => 'run' in e && e.run.id === runId).map((e) => e.type);
    expect(kinds).toEqual(['queued', 'started', 'finished']);
    const text = (stream: string) =>
      h.events
        .map((e) => (e.type === 'output' && e.runId === runId && e.stream === stream ? e.text : ''))
        .join('');
    expect(text('stdout')).toBe('hello\ndone\n');
    expect(text('stderr')).toBe('warning\n');
    // The two streams travel separately, so only each stream's own order is certain.
    const lines = (value: string) => value.split('\n').sort();
    expect(lines(run.output_head)).toEqual(lines('hello\nwarning\ndone\n'));
    expect(readFileSync(run.log_path ?? '', 'utf8')).toBe(outputOf(h.events, runId));
  });

  it('records a non-zero exit as failure, with stderr in the output', async () => {
    const run = await (await submit('echo "no such file: /x" >&2; exit 3')).done;
    expect(run).toMatchObject({ status: 'failure', exit_code: 3, error: 'exit code 3' });
    expect(run.output_tail).toBe('no such file: /x\n');
  });

  it('runs in the working directory with the environment, values taken literally', async () => {
    const dir = join(h.dir, "dir with 'quotes' and space");
    mkdirSync(dir);
    const overrides = { working_directory: dir, environment: { GREETING: "it's $HOME `id`" } };
    const run = await (await submit('pwd; printf "%s\\n" "$GREETING"', overrides)).done;
    expect(run.output_head).toBe(`${dir}\nit's $HOME \`id\`\n`);
  });

  it('masks secret parameters in the record but passes the real value', async () => {
    const item = testItem('printf %s {{token}} | wc -c', {
      parameters: [{ name: 'token', type: 'secret', required: true }],
    });
    const request = { item, server: 'box', values: { token: 's3cr3t' }, actor: 't' };
    const run = await (await h.runner.submit({ ...request, trigger: 'manual' })).done;
    expect(run.output_head.trim()).toBe('6');
    expect(run.parameters).toBe('{"token":"********"}');
    expect(run.command).not.toContain('s3cr3t');
  });

  it('retries after failure and records every attempt', async () => {
    const counter = join(h.dir, 'attempts');
    const command = [
      `n=$(cat '${counter}' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '${counter}'`,
      'echo "attempt $n"; [ $n -ge 3 ]',
    ].join('\n');
    const run = await (await submit(command, { default_retry_count: 5 })).done;
    expect(run).toMatchObject({ status: 'success', attempts: 3 });
    expect(run.output_head).toContain('[jobdeck] attempt 1 of 6: exit code 1; retrying');
    expect(run.output_tail).toContain('attempt 3');
  });

  it('stops retrying when the retries are spent', async () => {
    const run = await (await submit('exit 4', { default_retry_count: 1 })).done;
    expect(run).toMatchObject({ status: 'failure', attempts: 2, exit_code: 4 });
  });

  it('on timeout stops the remote process and all its children', async () => {
    const marker = uniqueMarker();
    const seconds = 3000 + Math.floor(Math.random() * 900);
    const command = `sh -c 'sleep ${seconds} & sleep ${seconds}; wait' ${marker}`;
    const { runId, done } = await submit(`echo ready; ${command}`, { default_timeout: 2 });
    await startedOnce(runId);
    expect(await processesAppear(`sleep ${seconds}`, 2, true)).toHaveLength(2);
    const run = await done;
    expect(run.status).toBe('timeout');
    expect(run.error).toContain('timed out after 2 s');
    expect(run.signal).toBe('SIGTERM');
    expect(await processesLeft(marker)).toEqual([]);
    expect(await processesLeft(`sleep ${seconds}`, true)).toEqual([]);
  });

  it('cancel stops the process tree, ends cancelled and never retries', async () => {
    const marker = uniqueMarker();
    const command = `echo ready; sh -c 'sleep 3600; true' ${marker}`;
    const { runId, done } = await submit(command, { default_retry_count: 3 });
    await startedOnce(runId);
    expect(await h.runner.cancel(runId)).toBe(true);
    const run = await done;
    expect(run).toMatchObject({ status: 'cancelled', attempts: 1, error: 'cancelled' });
    expect(await processesLeft(marker)).toEqual([]);
    expect(await h.runner.cancel(runId)).toBe(false);
  });
});
