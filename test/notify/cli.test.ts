import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { FakeNtfy } from '../fakes/ntfy.js';

let fake: FakeNtfy;
beforeEach(async () => {
  fake = await FakeNtfy.start({ tokens: ['tk_cli'] });
});
afterEach(async () => {
  await fake.close();
});

function text(stream: PassThrough): () => string {
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return () => Buffer.concat(chunks).toString('utf8');
}

async function jobdeck(args: string[], env: NodeJS.ProcessEnv = {}) {
  const cwd = mkdtempSync(join(tmpdir(), 'jobdeck-notify-cli-'));
  const yaml = [
    `database: ${join(cwd, 'jobdeck.db')}`,
    'timezone: UTC',
    'notifications:',
    '  channels:',
    `    - { name: phone, url: "${fake.url}", topic: ops, token_env: NTFY_TOKEN, priority: 2 }`,
  ].join('\n');
  writeFileSync(join(cwd, 'jobdeck.yaml'), yaml);
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const [out, err] = [text(stdout), text(stderr)];
  const code = await main(args, { stdout, stderr, stdin: new PassThrough(), env, cwd });
  return { code, stdout: out(), stderr: err() };
}

describe('jobdeck notify preview', () => {
  it('renders title, tags, priority and body of an item with sample data', async () => {
    const ok = await jobdeck([
      'notify',
      'preview',
      'docker_container_restart',
      'container_name=db',
    ]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('Title:    Container db restarted on web1');
    expect(ok.stdout).toContain('Tags:     arrows_counterclockwise, whale');
    expect(ok.stdout).toContain('Priority: 2');
    expect(ok.stdout).toContain('Finished in 2m 34s.');

    const failed = await jobdeck([
      'notify',
      'preview',
      'docker_container_restart',
      '--status',
      'failure',
    ]);
    expect(failed.stdout).toContain('Title:    Failed to restart web on web1');
    expect(failed.stdout).toContain('Tags:     x, whale');
    expect(failed.stdout).toContain('Priority: 4');
    expect(failed.stdout).toContain('Exit code: 1');
  });

  it('names the closest item when the one asked for does not exist', async () => {
    const run = await jobdeck(['notify', 'preview', 'docker_container_restrat']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('did you mean docker_container_restart');
  });
});

describe('jobdeck notify test', () => {
  it('sends a test message and prints the id ntfy answered', async () => {
    const run = await jobdeck(['notify', 'test', 'phone'], { NTFY_TOKEN: 'tk_cli' });
    expect(run.code).toBe(0);
    const stored = fake.messages[0];
    expect(stored).toMatchObject({ topic: 'ops', title: 'jobdeck test', priority: 2 });
    expect(run.stdout).toContain(`message id ${stored?.id}`);
  });

  it('reports the error and what to check when the server refuses', async () => {
    const run = await jobdeck(['notify', 'test', 'phone'], { NTFY_TOKEN: 'tk_wrong' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('answered 401: 40101 unauthorized');
    expect(run.stderr).toContain('check: the server refused the credentials: check $NTFY_TOKEN');
    expect(run.stderr).not.toContain('tk_wrong');
  });

  it('lists the configured channels for an unknown one', async () => {
    const run = await jobdeck(['notify', 'test', 'pager']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('unknown channel "pager"; channels: phone');
  });
});

describe('jobdeck run --notify', () => {
  it('runs the item, then sends its notification to the named channel before exiting', async () => {
    const run = await jobdeck(['run', 'disk_usage', '--server', 'local', '--notify', 'phone'], {
      NTFY_TOKEN: 'tk_cli',
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('notification sent to phone');
    expect(fake.messages).toHaveLength(1);
    expect(fake.messages[0]).toMatchObject({ topic: 'ops', tags: ['white_check_mark'] });
    expect(fake.messages[0]?.title).toMatch(/ completed on local$/);
  });

  it('refuses an unknown channel before anything runs', async () => {
    const run = await jobdeck(['run', 'disk_usage', '--server', 'local', '--notify', 'pager']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('--notify: unknown channel pager; channels: phone');
    expect(fake.requests).toHaveLength(0);
  });
});
