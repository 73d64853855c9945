import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Run } from '../../src/store/tables.js';
import { processesLeft, uniqueMarker } from '../setup/processes.js';
import { type Harness, makeRunner, testItem } from './harness.js';

const open: Harness[] = [];
afterAll(async () => {
  for (const h of open) await h.close();
});

async function harness(options: Partial<Parameters<typeof makeRunner>[0]> = {}) {
  const h = await makeRunner({ servers: [{ name: 'here', transport: 'local' }], ...options });
  open.push(h);
  return h;
}

function submit(h: Harness, command: string, extra: Record<string, unknown> = {}) {
  const request = { item: testItem(command), server: 'here', values: {}, actor: 't' };
  return h.runner.submit({ ...request, trigger: 'manual', ...extra });
}

function waitForLine(child: ChildProcess, prefix: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const line = seen.split('\n').find((l) => l.startsWith(prefix));
      if (line) resolve(line);
    });
    child.once('exit', () => reject(new Error(`exited before "${prefix}": ${seen}`)));
  });
}

describe('restart', () => {
  it('marks runs a killed process left queued or running as interrupted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobdeck-crash-'));
    const marker = uniqueMarker();
    const script = join(import.meta.dirname, 'fixtures/crash-runner.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, dir, marker], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await waitForLine(child, 'started');
    await waitForLine(child, 'queued');
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const h = await harness({ dir });
    const finished: Run[] = [];
    h.runner.on((e) => e.type === 'finished' && finished.push(e.run));
    const recovered = await h.runner.recoverInterrupted();
    expect(recovered.map((r) => [r.id, r.status, r.error])).toEqual([
      [1, 'interrupted', 'jobdeck stopped while this run was running; its outcome is unknown'],
      [2, 'interrupted', 'jobdeck stopped before this queued run started'],
    ]);
    expect(finished.map((r) => r.id)).toEqual([1, 2]);
    expect(await h.runner.recoverInterrupted()).toEqual([]);
    // The killed process could not stop its child; clean up after it.
    spawn('pkill', ['-f', marker]);
    expect(await processesLeft(marker)).toEqual([]);
  });

  it('leaves the runs of another live jobdeck process alone', async () => {
    const h = await harness();
    const other = spawn('sleep', ['30']);
    try {
      await h.store.db
        .insertInto('runs')
        .values({
          item_name: 'x',
          server_name: 'here',
          actor: 't',
          trigger: 'manual',
          status: 'running',
          parameters: '{}',
          attempts: 1,
          queued_at: 1,
          output_head: '',
          output_tail: '',
          output_bytes: 0,
          owner: `${hostname()}:${other.pid}`,
        })
        .execute();
      expect(await h.runner.recoverInterrupted()).toEqual([]);
    } finally {
      other.kill();
    }
  });
});

describe('concurrency', () => {
  it('runs beyond the global limit wait, and start in FIFO order', async () => {
    const h = await harness({ runner: { max_concurrent: 1 } });
    let running = 0;
    let most = 0;
    const order: number[] = [];
    h.runner.on((e) => {
      if (e.type === 'started') order.push(e.run.id);
      if (e.type === 'started') most = Math.max(most, ++running);
      if (e.type === 'finished') running--;
    });
    const runs = await Promise.all([1, 2, 3, 4].map((n) => submit(h, `sleep 0.05; echo ${n}`)));
    const done = await Promise.all(runs.map((r) => r.done));
    expect(done.map((r) => r.output_head)).toEqual(['1\n', '2\n', '3\n', '4\n']);
    expect(order).toEqual(runs.map((r) => r.runId));
    expect(most).toBe(1);
  });

  it('holds each server to its own limit while other servers go on', async () => {
    const servers = [
      { name: 'here', transport: 'local', max_concurrent: 2 },
      { name: 'there', transport: 'local', max_concurrent: 2 },
    ];
    const h = await harness({ servers, runner: { max_concurrent: 10 } });
    const running = new Map<string, number>();
    const most = new Map<string, number>();
    h.runner.on((e) => {
      if (e.type !== 'started' && e.type !== 'finished') return;
      const name = e.run.server_name;
      const now = (running.get(name) ?? 0) + (e.type === 'started' ? 1 : -1);
      running.set(name, now);
      most.set(name, Math.max(most.get(name) ?? 0, now));
    });
    const request = (server: string) => submit(h, 'sleep 0.2', { server });
    const runs = await Promise.all([...Array(5).fill('here'), 'there', 'there'].map(request));
    await Promise.all(runs.map((r) => r.done));
    expect(Object.fromEntries(most)).toEqual({ here: 2, there: 2 });
  });

  it('cancels a run while it waits in the queue', async () => {
    const h = await harness({ runner: { max_concurrent: 1 } });
    const first = await submit(h, 'sleep 0.3');
    const second = await submit(h, 'echo never');
    expect(await h.runner.cancel(second.runId)).toBe(true);
    expect(await second.done).toMatchObject({
      status: 'cancelled',
      attempts: 0,
      error: 'cancelled while queued',
      started_at: null,
    });
    expect((await first.done).status).toBe('success');
  });
});
