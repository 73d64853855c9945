import { EventEmitter } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runConsole } from '../../../src/chat/console/console.js';
import { main } from '../../../src/cli/main.js';
import type { TestApp } from '../../support/app.js';
import { makeTestApp } from '../../support/app.js';

function collect(stream: PassThrough): () => string {
  let text = '';
  stream.on('data', (chunk) => {
    text += String(chunk);
  });
  return () => text;
}

let t: TestApp | undefined;
afterEach(() => t?.close());

describe('the console chat', () => {
  it('runs /jobs run from a pipe, streaming output and printing the result', async () => {
    t = await makeTestApp();
    const output = new PassThrough();
    const text = collect(output);
    const input = Readable.from(['/jobs run disk_usage box\n']);
    await runConsole({
      input,
      output,
      conversation: t.conversation,
      runner: t.app.runner,
      commandName: 'jobs',
      interactive: false,
      user: 'op',
    });
    expect(text()).toMatch(/\n {2}│ Filesystem/);
    expect(text()).toContain('── ✅ 💽 Disk usage on box succeeded ──');
    expect(text()).toMatch(/\[1\] Run again {2}\[2\] Run with changes {2}\[3\] Schedule this/);
    expect(text()).not.toContain('\u001b[');
  });

  it('prompts field by field with defaults, and picks by number', async () => {
    t = await makeTestApp();
    const output = new PassThrough();
    const text = collect(output);
    const lines = ['/jobs run check_port local', '70000', '22', '/jobs list monitoring', '1'];
    const input = Readable.from(lines.map((l) => `${l}\n`));
    await runConsole({
      input,
      output,
      conversation: t.conversation,
      runner: t.app.runner,
      commandName: 'jobs',
      interactive: false,
      user: 'op',
    });
    expect(text()).toContain('Port (required) [number]: ');
    expect(text()).toContain('✗ Port must be between 1 and 65535');
    expect(text()).toContain('Check a listening port on local');
    expect(text()).toContain('── 💽 Disk usage ──');
  });

  it('cancels the running job on Ctrl-C and quits on the second', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'jobdeck-console-'));
    writeFileSync(
      join(dir, 'slow.yaml'),
      'categories: [{ name: slow, display_name: Slow }]\nitems:\n  - { name: nap, display_name: Nap, category: slow, command: "echo napping; sleep 30" }\n',
    );
    t = await makeTestApp({ config: { catalog_dirs: [dir] } });
    const output = new PassThrough();
    const text = collect(output);
    const input = new PassThrough();
    const interrupts = new EventEmitter();
    const done = runConsole({
      input,
      output,
      conversation: t.conversation,
      runner: t.app.runner,
      commandName: 'jobs',
      interactive: false,
      user: 'op',
      interrupts,
    });
    input.write('/jobs run nap local\n');
    await expect.poll(text).toContain('│ napping');
    interrupts.emit('SIGINT');
    await expect.poll(text).toContain('Nap on local was cancelled');
    interrupts.emit('SIGINT');
    await done;
    expect(text()).toContain('Cancelling the running job');
  });

  it('is what `jobdeck console` runs, with no configuration at all', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'jobdeck-cli-'));
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const text = collect(stdout);
    const stdin = Readable.from(['/jobs run memory_usage local\n']);
    const code = await main(['console'], { stdin, stdout, stderr, env: {}, cwd });
    expect(code).toBe(0);
    expect(text()).toContain('Memory usage on local succeeded');
    expect(text()).toMatch(/│ Mem:/);
  });
});
