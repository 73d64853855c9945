import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { runConsole } from '../../src/chat/console/console.js';
import { json } from '../../src/store/db.js';
import { Recorder } from '../conversation/recorder.js';
import { CORPUS, LOOK_ALIKES, quoted, quotedAssignment } from '../support/hostile-corpus.js';
import { type AccessTestApp, accessApp, cmd, submitOn, textOf } from './setup.js';

let t: AccessTestApp;
afterEach(() => t.close());

const OPEN = { grants: { admin: { slack_users: ['*'] } }, rate_limit: 0 };

async function runs() {
  return t.app.store.db.selectFrom('runs').selectAll().orderBy('id').execute();
}

/** Every run printed exactly the value it was given, and nothing ran anything else. */
async function expectExactRuns(values: string[]): Promise<void> {
  const all = await runs();
  expect(all.map((r) => json.decode<{ words: string }>(r.parameters, { words: '' }).words)).toEqual(
    values,
  );
  for (const run of all) {
    const words = json.decode<{ words: string }>(run.parameters, { words: '' }).words;
    expect(run.status).toBe('success');
    expect(readFileSync(run.log_path ?? '', 'utf8')).toBe(`${words}|`);
  }
  expect(existsSync(join(t.workDir, 'pwned'))).toBe(false);
}

describe('the hostile corpus through every entry point', () => {
  it('/jobs run text: each value reaches the command as one literal word', async () => {
    t = await accessApp(OPEN);
    const out = new Recorder();
    for (const value of CORPUS) {
      await t.conversation.handle(
        cmd(`run echo_words local ${quotedAssignment('words', value)}`),
        out,
      );
      if (value === '') expect(out.last().form?.fields[0]?.error).toBe('Words is required');
      else expect(out.last().title).toBe('Echo words on local succeeded');
    }
    await expectExactRuns(CORPUS.filter((v) => v !== ''));
  }, 120_000);

  it('form submissions: each value typed into the form runs literally', async () => {
    t = await accessApp(OPEN);
    const out = new Recorder();
    for (const value of CORPUS.filter((v) => v !== '')) {
      await t.conversation.handle(cmd('run echo_words local'), out);
      await t.conversation.handle(submitOn(out.last(), { words: value }), out);
      expect(out.last().title).toBe('Echo words on local succeeded');
    }
    await expectExactRuns(CORPUS.filter((v) => v !== ''));
  }, 120_000);

  it('the console: each single-line value typed as /jobs run', async () => {
    t = await accessApp(OPEN);
    const single = CORPUS.filter((v) => v.trim() !== '' && !/[\r\n]/.test(v));
    const lines = single.map((v) => `/jobs run echo_words local ${quotedAssignment('words', v)}\n`);
    const output = new PassThrough();
    let printed = '';
    output.on('data', (chunk) => {
      printed += String(chunk);
    });
    await runConsole({
      input: Readable.from(lines),
      output,
      conversation: t.conversation,
      runner: t.app.runner,
      commandName: 'jobs',
      interactive: false,
      user: 'op',
    });
    await expectExactRuns(single);
    expect(printed.match(/Echo words on local succeeded/g)).toHaveLength(single.length);
  }, 120_000);
});

describe('look-alike text is stored and shown back literally', () => {
  it('SQL, HTML, Markdown and mentions in values, names and searches', async () => {
    t = await accessApp(OPEN);
    const out = new Recorder();
    for (const value of LOOK_ALIKES) {
      await t.conversation.handle(
        cmd(`run echo_words local ${quotedAssignment('words', value)}`, { name: value }),
        out,
      );
      const result = out.last();
      expect(result.sections.at(-1)?.text).toBe(`${value}|`);
    }
    await expectExactRuns(LOOK_ALIKES);
    const tables = t.app.store.sqlite
      .prepare("select name from sqlite_master where type = 'table'")
      .all()
      .map((r) => (r as { name: string }).name);
    expect(tables).toEqual(expect.arrayContaining(['runs', 'audit_log', 'favorites']));

    await t.conversation.handle(cmd(`list ${LOOK_ALIKES[7]}`), out);
    expect(out.last().title).toBe('Catalog: Jobs matching "<!channel>"');
    await t.conversation.handle(cmd(`history ${quoted(LOOK_ALIKES[0]!)}`), out);
    expect(out.last().title).toBe(`Recent runs of ${LOOK_ALIKES[0]}`);
  });

  it('a display name that looks like a mention shows literally in a request', async () => {
    t = await accessApp(OPEN);
    const out = new Recorder();
    await t.conversation.handle(cmd('run reboot_box local', { name: '<!channel> @everyone' }), out);
    expect(textOf(out.last())).toContain('<!channel> @everyone asks to run Reboot box on local.');
  });
});
