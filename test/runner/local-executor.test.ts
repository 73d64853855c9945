import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OutputStream } from '../../src/runner/executor.js';
import { LocalExecutor } from '../../src/runner/local-executor.js';
import { processesLeft, processesMatching, uniqueMarker } from '../setup/processes.js';

function collect() {
  const chunks: { stream: OutputStream; text: string }[] = [];
  return {
    chunks,
    onOutput: (stream: OutputStream, chunk: Buffer) =>
      chunks.push({ stream, text: chunk.toString() }),
    text: (stream: OutputStream) =>
      chunks
        .filter((c) => c.stream === stream)
        .map((c) => c.text)
        .join(''),
  };
}

describe('local executor', () => {
  const executor = new LocalExecutor();

  it('runs sh with the working directory and environment, and reports the exit code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobdeck local $x '));
    const output = collect();
    const result = await executor.exec(
      {
        command: 'pwd; echo "$NAME" >&2; exit 7',
        workingDirectory: dir,
        environment: { NAME: "o'neil; rm -rf /" },
      },
      { onOutput: output.onOutput },
    );
    expect(result).toEqual({ exitCode: 7, signal: null });
    expect(output.text('stdout')).toBe(`${dir}\n`);
    expect(output.text('stderr')).toBe("o'neil; rm -rf /\n");
  });

  it('a missing working directory fails the command, saying so', async () => {
    const output = collect();
    const result = await executor.exec(
      { command: 'echo never', workingDirectory: '/nonexistent/jobdeck' },
      { onOutput: output.onOutput },
    );
    expect(result.exitCode).not.toBe(0);
    expect(output.text('stdout')).toBe('');
    expect(output.text('stderr')).toContain('/nonexistent/jobdeck');
  });

  it('an abort stops the whole process group', async () => {
    const marker = uniqueMarker();
    const seconds = 4000 + Math.floor(Math.random() * 900);
    const controller = new AbortController();
    const output = collect();
    const running = executor.exec(
      { command: `echo up; sh -c 'sleep ${seconds} & sleep ${seconds}; wait' ${marker}` },
      {
        signal: controller.signal,
        onOutput: (stream, chunk) => {
          output.onOutput(stream, chunk);
          if (!chunk.toString().includes('up')) return;
          const stop = setInterval(() => {
            if (processesMatching(`sleep ${seconds}`, true).length < 2) return;
            clearInterval(stop);
            controller.abort();
          }, 20);
        },
      },
    );
    const result = await running;
    expect(result.signal).toBe('SIGTERM');
    expect(await processesLeft(marker)).toEqual([]);
    expect(await processesLeft(`sleep ${seconds}`, true)).toEqual([]);
  });
});
