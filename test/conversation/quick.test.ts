import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { makeTestApp } from '../support/app.js';
import { choose, command, interaction, press, Recorder, submit } from './recorder.js';

const EXTRA = `
categories:
  - { name: test, display_name: Test, description: Test jobs }
items:
  - name: echo_words
    display_name: Echo words
    category: test
    command: "printf '%s|' {{words}}"
    parameters:
      - { name: words, type: string, required: true }
  - name: sleepy
    display_name: Sleep a while
    category: test
    command: "echo started; sleep 30"
  - name: with_secret
    display_name: Uses a secret
    category: test
    command: "printf '%s' {{token}} | wc -c"
    parameters:
      - { name: token, type: secret, required: true }
  - name: risky
    display_name: Risky thing
    category: test
    confirm: true
    command: "echo risky done"
`;

let t: TestApp;
beforeEach(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobdeck-extra-'));
  writeFileSync(join(dir, 'test.yaml'), EXTRA);
  t = await makeTestApp({ config: { catalog_dirs: [dir] } });
});
afterEach(() => t.close());

async function runs() {
  return t.app.store.db.selectFrom('runs').selectAll().orderBy('id').execute();
}

describe('/jobs run', () => {
  it('runs with quoted values exactly as typed', async () => {
    const out = new Recorder();
    await t.conversation.handle(command('run echo_words box words="hello world; rm -rf /"'), out);
    expect(out.last().title).toBe('Echo words on box succeeded');
    expect(out.last().sections.at(-1)?.text).toBe('hello world; rm -rf /|');
  });

  it('asks only for what is missing: the form, then the server choice', async () => {
    const out = new Recorder();
    await t.conversation.handle(command('run echo_words'), out);
    const form = out.last();
    expect(form.form?.fields.map((f) => [f.name, f.error])).toEqual([
      ['words', 'Words is required'],
    ]);
    await t.conversation.handle(submit(form, { words: 'hi' }), out);
    expect(out.last().title).toContain('choose servers');
    await t.conversation.handle(submit(out.last(), { servers: ['local'] }), out);
    expect(out.last().title).toBe('Echo words on local succeeded');
  });

  it('names the closest item, server and usage for unknown words', async () => {
    const out = new Recorder();
    await t.conversation.handle(command('run disk_usag'), out);
    expect(out.last().sections[0]?.text).toContain('`disk_usage`');
    expect(out.last().sections[0]?.text).toContain('Usage: `/jobs run <item> [server]');
    await t.conversation.handle(command('run disk_usage bxo'), out);
    expect(out.last().title).toBe('Unknown server "bxo"');
    expect(out.last().sections[0]?.text).toContain('`box`');
    await t.conversation.handle(command('hitsory'), out);
    expect(out.last().sections[0]?.text).toContain('`history`');
    await t.conversation.handle(command('run echo_words box words="open'), out);
    expect(out.last().sections[0]?.text).toMatch(/quote.*not closed/);
    expect(await runs()).toHaveLength(0);
  });

  it('refuses an incompatible server, naming what it lacks and what fits', async () => {
    const out = new Recorder();
    await t.conversation.handle(command('run dnf_upgrade box'), out);
    expect(out.last().title).toBe('Upgrade packages (dnf) cannot run on box');
    expect(out.last().sections[0]?.text).toMatch(/needs dnf/);
  });
});

describe('results, run again and quick actions', () => {
  it('Run again reuses item, server and parameters; a double click starts one run', async () => {
    const out = new Recorder();
    await t.conversation.handle(command('run echo_words box words=again'), out);
    const result = out.last();
    await Promise.all([
      t.conversation.handle(press(result, 'Run again'), out),
      t.conversation.handle(press(result, 'Run again'), out),
    ]);
    const all = await runs();
    expect(all).toHaveLength(2);
    expect(all[1]).toMatchObject({
      trigger: 'run-again',
      parent_run_id: all[0]?.id,
      server_name: 'box',
      parameters: '{"words":"again"}',
    });
    expect(out.last().sections.at(-1)?.text).toBe('again|');
  });

  it('the same interaction delivered twice acts once', async () => {
    const out = new Recorder();
    const once = command('run echo_words local words=x');
    await t.conversation.handle(once, out);
    await t.conversation.handle(once, out);
    expect(await runs()).toHaveLength(1);
  });

  it('Run with changes opens the wizard prefilled; Schedule this opens step 4', async () => {
    const out = new Recorder();
    await t.conversation.handle(command('run echo_words box words=first'), out);
    const result = out.last();
    await t.conversation.handle(press(result, 'Run with changes'), out);
    expect(out.last().form?.fields[0]?.value).toBe('first');
    await t.conversation.handle(press(result, 'Schedule this'), out);
    expect(out.last().title).toContain('Step 4 of 5');
  });

  it('asks for secrets again and never stores them', async () => {
    const out = new Recorder();
    await t.conversation.handle(command('run with_secret local token=s3cr3t-value'), out);
    expect(out.last().sections.at(-1)?.text.trim()).toBe('12');
    await t.conversation.handle(press(out.last(), 'Run again'), out);
    expect(out.last().form?.fields[0]).toMatchObject({ name: 'token', value: undefined });
    await t.conversation.handle(submit(out.last(), { token: 'abc' }), out);
    expect(out.last().sections.at(-1)?.text.trim()).toBe('3');
    const db = t.app.store.sqlite;
    for (const table of ['runs', 'wizard_sessions', 'job_definitions', 'audit_log']) {
      const dump = JSON.stringify(db.prepare(`select * from ${table}`).all());
      expect(dump).not.toContain('s3cr3t-value');
    }
  });

  it('confirms dangerous items before running', async () => {
    const out = new Recorder();
    await t.conversation.handle(command('run risky local'), out);
    expect(out.last().title).toBe('Run Risky thing?');
    expect(await runs()).toHaveLength(0);
    await t.conversation.handle(press(out.last(), 'Yes, run it', 'U2'), out);
    expect(out.last().title).toBe('Nothing to confirm');
    expect(await runs()).toHaveLength(0);
    await t.conversation.handle(press(out.shown.at(-2)!.screen, 'Yes, run it'), out);
    expect(out.last().title).toBe('Risky thing on local succeeded');
  });

  it('cancels a running job from its Cancel button', async () => {
    const out = new Recorder();
    const running = t.conversation.handle(command('run sleepy box'), out);
    await expect.poll(() => out.shown[0]?.screen.buttons[0]?.label).toBe('Cancel');
    await expect.poll(async () => (await runs())[0]?.status).toBe('running');
    await t.conversation.handle(press(out.shown[0]!.screen, 'Cancel'), out);
    await running;
    expect((await runs())[0]?.status).toBe('cancelled');
    expect(out.shown[0]?.updates.at(-1)?.title).toBe('Sleep a while on box was cancelled');
  });

  it('favourites: star, list with recent runs, history and status', async () => {
    const out = new Recorder();
    await t.conversation.handle(command('list monitoring'), out);
    await t.conversation.handle(choose(out.last(), 'memory_usage'), out);
    await t.conversation.handle(press(out.last(), '⭐ Star'), out);
    await t.conversation.handle(command('run echo_words local words=fav'), out);
    await t.conversation.handle(command('favorites'), out);
    const labels = out.last().buttons.map((b) => b.label);
    expect(labels).toContain('⭐ Memory usage');
    expect(labels).toContain('↻ echo_words on local');
    await t.conversation.handle(command('history echo_words'), out);
    expect(out.last().sections[0]?.text).toMatch(/#1 ✅ echo_words on local/);
    await t.conversation.handle(command('status 1'), out);
    expect(out.last().title).toBe('Echo words on local succeeded');
    await t.conversation.handle(command('status 999'), out);
    expect(out.last().title).toBe('No run 999');
  });

  it('pages the catalog 25 at a time', async () => {
    const out = new Recorder();
    await t.conversation.handle(command('mode advanced'), out);
    await t.conversation.handle(command('list'), out);
    expect(out.last().choices?.choices).toHaveLength(25);
    expect(out.last().footer).toBe('Page 1 of 2 · 28 jobs');
    await t.conversation.handle(press(out.last(), 'Next ▶'), out);
    expect(out.last().choices?.choices).toHaveLength(3);
    expect(out.last().buttons.map((b) => b.label)).toContain('◀ Previous');
  });

  it('answers an unknown action without acting', async () => {
    const out = new Recorder();
    await t.conversation.handle(
      interaction({ kind: 'button', action: 'zzz.top', value: '1' }),
      out,
    );
    expect(out.last().title).toBe('Unknown action');
  });
});

describe('secrets and schedules', () => {
  it('refuses to schedule a job that takes a secret, on the field', async () => {
    const out = new Recorder();
    await t.conversation.handle(command(''), out);
    await t.conversation.handle(press(out.last(), 'Search…'), out);
    await t.conversation.handle(submit(out.last(), { words: 'secret' }), out);
    await t.conversation.handle(choose(out.last(), 'with_secret'), out);
    await t.conversation.handle(submit(out.last(), { token: 'abc' }), out);
    await t.conversation.handle(submit(out.last(), { servers: ['local'] }), out);
    await t.conversation.handle(submit(out.last(), { when: 'daily' }), out);
    const when = out.last().form?.fields.find((f) => f.name === 'when');
    expect(when?.error).toMatch(/takes a secret \(token\).*can only run now/);
    expect(await t.app.scheduler.list()).toHaveLength(0);
  });
});
