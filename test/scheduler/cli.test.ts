import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

let dir: string;

const CATALOG = `
categories:
  - name: testing
    display_name: Testing
items:
  - name: greet
    display_name: Greet
    category: testing
    command: echo hello {{who}}
    parameters:
      - name: who
        type: string
        required: true
        validation: { pattern: "^[a-z]+$" }
      - name: token
        type: secret
  - name: deploy_key
    display_name: Deploy with a key
    category: testing
    command: echo {{key}}
    parameters:
      - name: key
        type: secret
        required: true
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'jobdeck-sched-cli-'));
  mkdirSync(join(dir, 'catalog'));
  writeFileSync(join(dir, 'catalog', 'testing.yaml'), CATALOG);
  writeFileSync(
    join(dir, 'jobdeck.yaml'),
    [
      `database: ${join(dir, 'jobdeck.db')}`,
      'timezone: Europe/Berlin',
      `catalog_dirs: [${join(dir, 'catalog')}]`,
      'servers:',
      '  - name: web1',
      '    transport: local',
    ].join('\n'),
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function jobdeck(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const chunks = { out: '', err: '' };
  stdout.on('data', (data) => (chunks.out += String(data)));
  stderr.on('data', (data) => (chunks.err += String(data)));
  const io = { stdout, stderr, stdin: process.stdin, env: { ...process.env }, cwd: dir };
  const code = await main([...argv, '--config', join(dir, 'jobdeck.yaml')], io);
  return { code, ...chunks };
}

describe('jobdeck schedule', () => {
  it('adds a schedule and prints its description and next 5 runs in its zone', async () => {
    const added = await jobdeck(
      'schedule',
      'add',
      'greet',
      '--server',
      'web1',
      '--cron',
      '30 2 * * *',
      'who=world',
    );
    expect(added.err).toBe('');
    expect(added.code).toBe(0);
    const lines = added.out.trim().split('\n');
    expect(lines[0]).toBe('schedule 1 created: greet on web1');
    expect(lines[1]).toBe('  cron       30 2 * * *  (At 02:30)');
    expect(lines[2]).toBe('  timezone   Europe/Berlin');
    expect(lines.slice(4)).toHaveLength(5);
    for (const line of lines.slice(4))
      expect(line).toMatch(/^ {4}\w{3} \d{4}-\d\d-\d\d 0[23]:[03]0 CES?T$/);
  });

  it('lists schedules as a table and as JSON', async () => {
    const listed = await jobdeck('schedule', 'list');
    expect(listed.code).toBe(0);
    const [header, row] = listed.out.trim().split('\n');
    expect(header).toMatch(
      /^ID\s+ITEM\s+SERVER\s+CRON\s+DESCRIPTION\s+TIMEZONE\s+STATE\s+NEXT RUN$/,
    );
    expect(row).toMatch(
      /^1\s+greet\s+web1\s+30 2 \* \* \*\s+At 02:30\s+Europe\/Berlin\s+enabled\s+\w{3} /,
    );

    const json = JSON.parse((await jobdeck('schedule', 'list', '--json')).out);
    expect(json).toEqual([
      expect.objectContaining({
        id: 1,
        item: 'greet',
        servers: ['web1'],
        cron: '30 2 * * *',
        description: 'At 02:30',
        timezone: 'Europe/Berlin',
        enabled: true,
        missedPolicy: 'skip',
      }),
    ]);
    expect(json[0].nextRun).toMatch(/T0[01]:30:00.000Z$/);
  });

  it('pauses, resumes and deletes by id', async () => {
    expect((await jobdeck('schedule', 'pause', '1')).out).toMatch(/^schedule 1 paused/);
    const paused = JSON.parse((await jobdeck('schedule', 'list', '--json')).out);
    expect(paused[0]).toMatchObject({ enabled: false, nextRunAt: null });
    expect((await jobdeck('schedule', 'pause', '1')).out).toMatch(/^schedule 1 already paused/);

    const resumed = await jobdeck('schedule', 'resume', '1');
    expect(resumed.out).toMatch(/^schedule 1 resumed/);
    expect(resumed.out).toMatch(/next run {2}\w{3} \d{4}-\d\d-\d\d 0[23]:[03]0 CES?T/);

    expect((await jobdeck('schedule', 'delete', '1')).out).toMatch(/^schedule 1 deleted/);
    expect((await jobdeck('schedule', 'list')).out).toMatch(/^no schedules/);
    const again = await jobdeck('schedule', 'delete', '1');
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/no schedule with id 1/);
  });

  it('refuses a wrong expression, zone, item, server or parameter, saying why', async () => {
    const cases: [string[], RegExp][] = [
      [['--cron', '61 * * * *'], /cron "61 \* \* \* \*": minute field: 61 is out of range 0-59/],
      [['--cron', '0 3 * * *', '--tz', 'Nowhere/City'], /unknown time zone "Nowhere\/City"/],
      [['--cron', '0 3 * * *', 'who=World!'], /invalid parameters:\n {2}who: /],
      [['--cron', '0 3 * * *', '--missed', 'later'], /--missed expects skip or run-once/],
    ];
    for (const [extra, message] of cases) {
      const result = await jobdeck(
        'schedule',
        'add',
        'greet',
        '--server',
        'web1',
        'who=x',
        ...extra,
      );
      expect(result.code).toBe(1);
      expect(result.err).toMatch(message);
    }
    const server = await jobdeck('schedule', 'add', 'greet', '--server', 'db9', '--cron', '@daily');
    expect(server.err).toMatch(/no server db9; one of: web1/);
    const item = await jobdeck('schedule', 'add', 'gret', '--server', 'web1', '--cron', '@daily');
    expect(item.err).toMatch(/no catalog item gret/);
    expect((await jobdeck('schedule', 'list')).out).toMatch(/^no schedules/);
  });

  it('never stores a secret: warns for an optional one, refuses a required one', async () => {
    const added = await jobdeck(
      'schedule',
      'add',
      'greet',
      '--server',
      'web1',
      '--cron',
      '@daily',
      'who=a',
      'token=hunter2',
    );
    expect(added.code).toBe(0);
    expect(added.err).toMatch(/the secret token is not stored/);
    const refused = await jobdeck(
      'schedule',
      'add',
      'deploy_key',
      '--server',
      'web1',
      '--cron',
      '@daily',
      'key=hunter2',
    );
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/needs the secret key, and secrets are never stored/);
    const all = (await jobdeck('schedule', 'list', '--json')).out;
    expect(all).not.toContain('hunter2');
  });
});
