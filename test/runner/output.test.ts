import { readFileSync, statSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinExcerpts, lastLines, OutputRecorder, runOutput } from '../../src/runner/output.js';
import { sharedSshd, sshServer } from '../setup/servers.js';
import { type Harness, makeRunner, testItem } from './harness.js';

describe('head and tail', () => {
  const limits = { headLines: 3, tailLines: 2, logCapBytes: 1024, excerptBytes: 64 };

  it('keeps the first and last lines, as a prefix and a suffix of the output', () => {
    const recorder = new OutputRecorder(limits);
    for (let i = 1; i <= 10; i++) recorder.write(Buffer.from(`line ${i}\n`));
    const record = recorder.finish();
    expect(record).toEqual({
      head: 'line 1\nline 2\nline 3\n',
      tail: 'line 9\nline 10\n',
      bytes: 71,
    });
    expect(joinExcerpts(record)).toBe(
      'line 1\nline 2\nline 3\n… 35 bytes not kept …\nline 9\nline 10\n',
    );
  });

  it('joins overlapping head and tail without repeating lines', () => {
    const recorder = new OutputRecorder(limits);
    recorder.write(Buffer.from('a\nb\nc\nd'));
    const record = recorder.finish();
    expect(record.tail).toBe('c\nd');
    expect(joinExcerpts(record)).toBe('a\nb\nc\nd');
  });

  it("reads a run's row the same way: overlap rebuilt, a gap marked, a gap before the tail too", () => {
    const full = 'one\ntwo\nthree\n';
    const row = (head: string, tail: string, bytes: number) => ({
      output_head: head,
      output_tail: tail,
      output_bytes: bytes,
    });
    expect(runOutput(row('one\ntwo\n', 'two\nthree\n', Buffer.byteLength(full)))).toBe(full);
    expect(runOutput(row(full, full, Buffer.byteLength(full)))).toBe(full);
    expect(runOutput(row('a\nb\n', 'y\nz\n', 1000))).toBe('a\nb\n… 992 bytes not kept …\ny\nz\n');
    expect(runOutput(row('', 'y\nz\n', 1000))).toBe('… 996 bytes not kept …\ny\nz\n');
  });

  it('caps very long lines by bytes without splitting a character', () => {
    const recorder = new OutputRecorder(limits);
    recorder.write(Buffer.from('é'.repeat(100)));
    const { head, tail } = recorder.finish();
    expect(Buffer.byteLength(head)).toBeLessThanOrEqual(64);
    expect(head).toBe('é'.repeat(32));
    expect(tail).toBe('é'.repeat(32));
  });

  it('answers the last lines of a buffer', () => {
    const text = (s: string, n: number) => lastLines(Buffer.from(s), n, 100).toString();
    expect(text('a\nb\nc\n', 2)).toBe('b\nc\n');
    expect(text('a\nb\nc', 2)).toBe('b\nc');
    expect(text('a\nb\n', 5)).toBe('a\nb\n');
    expect(text('', 5)).toBe('');
  });
});

describe('50 MB of output over SSH', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeRunner({
      servers: [sshServer(sharedSshd())],
      runner: { log_cap_bytes: 1024 * 1024, output_head_lines: 5, output_tail_lines: 5 },
    });
  });
  afterAll(() => h.close());

  it('keeps head, tail and a capped log while memory stays bounded', async () => {
    // 800,000 numbered lines of 64 bytes: 51.2 MB.
    const command = 'seq 1 800000 | awk \'{ printf "%063d\\n", $1 }\'';
    let streamed = 0;
    const off = h.runner.on((e) => {
      if (e.type === 'output') streamed += e.text.length;
    });
    global.gc?.();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    const run = await (
      await h.runner.submit({
        item: testItem(command),
        server: 'box',
        values: {},
        actor: 't',
        trigger: 'manual',
      })
    ).done;
    clearInterval(sampler);
    off();

    const line = (n: number) => `${String(n).padStart(63, '0')}\n`;
    expect(run.status).toBe('success');
    expect(run.output_bytes).toBe(800_000 * 64);
    expect(streamed).toBe(800_000 * 64);
    expect(run.output_head).toBe([1, 2, 3, 4, 5].map(line).join(''));
    expect(run.output_tail).toBe([799996, 799997, 799998, 799999, 800000].map(line).join(''));
    const log = readFileSync(run.log_path ?? '', 'utf8');
    expect(log.startsWith(line(1))).toBe(true);
    const dropped = 800_000 * 64 - 1024 * 1024;
    expect(log.endsWith(`output were dropped\n`)).toBe(true);
    expect(log).toContain(`log capped at 1048576 bytes: ${dropped} more bytes`);
    expect(statSync(run.log_path ?? '').size).toBeLessThan(1024 * 1024 + 200);
    // Bounded, the run grows this process by about 35 MB (garbage awaiting collection);
    // keeping the 51 MB of output anywhere would push it past 80 MB.
    expect(peak - before).toBeLessThan(64 * 1024 * 1024);
  });
});
