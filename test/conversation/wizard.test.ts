import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { makeTestApp } from '../support/app.js';
import { choose, command, press, Recorder, submit } from './recorder.js';

let t: TestApp;
beforeEach(async () => {
  t = await makeTestApp();
});
afterEach(() => t.close());

describe('the five-step wizard', () => {
  it('goes from /jobs to a created schedule with description and next runs', async () => {
    const out = new Recorder();
    await t.conversation.handle(command(''), out);
    expect(out.last().title).toBe('New job · Step 1 of 5: choose a job');
    expect(out.last().choices?.choices.map((c) => c.value)).toContain('docker_logs');

    await t.conversation.handle(choose(out.last(), 'top_processes'), out);
    expect(out.last().title).toContain('Step 2 of 5');
    const fields = out.last().form?.fields ?? [];
    expect(fields.map((f) => [f.name, f.value])).toEqual([
      ['sort_by', '%cpu'],
      ['count', '10'],
    ]);

    await t.conversation.handle(submit(out.last(), { count: '5' }), out);
    expect(out.last().form?.fields[0]?.error).toBeUndefined();
    expect(out.last().title).toContain('Step 3 of 5');
    expect(out.last().form?.fields[0]?.options?.map((o) => o.value)).toEqual(['local', 'box']);

    await t.conversation.handle(submit(out.last(), { servers: ['box'] }), out);
    expect(out.last().title).toContain('Step 4 of 5');

    await t.conversation.handle(
      submit(out.last(), { when: 'daily', time: '04:30', timezone: 'Europe/Berlin' }),
      out,
    );
    const notify = out.last();
    expect(notify.title).toContain('Step 5 of 5');
    const text = notify.sections.map((s) => s.text).join('\n');
    expect(text).toContain('At 04:30');
    expect(text).toContain('Europe/Berlin');
    expect(text).toContain('ps aux --sort=-%cpu | head -n 5');
    expect(notify.form?.submitLabel).toBe('Create schedule');

    await t.conversation.handle(submit(notify, { on_success: 'true' }), out);
    expect(out.last().title).toBe('Scheduled: 🔝 Top processes');
    const schedules = await t.app.scheduler.list();
    expect(schedules).toHaveLength(1);
    expect(schedules[0]).toMatchObject({
      cron: '30 4 * * *',
      timezone: 'Europe/Berlin',
      servers: ['box'],
      item: 'top_processes',
      enabled: true,
    });
    const policy = await t.app.store.db
      .selectFrom('notification_policies')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect([policy.on_success, policy.on_failure]).toEqual([1, 1]);
  });

  it('runs now over SSH and posts the result with its buttons', async () => {
    const out = new Recorder();
    await t.conversation.handle(command('new'), out);
    await t.conversation.handle(choose(out.last(), 'disk_usage'), out);
    expect(out.last().title).toContain('Step 3 of 5');
    await t.conversation.handle(submit(out.last(), { servers: ['box'] }), out);
    await t.conversation.handle(submit(out.last(), { when: 'now' }), out);
    expect(out.last().form?.submitLabel).toBe('Run now');
    await t.conversation.handle(submit(out.last(), {}), out);
    const result = out.last();
    expect(result.title).toBe('💽 Disk usage on box succeeded');
    expect(result.sections[0]?.code).toBe(true);
    expect(result.sections[0]?.text).toMatch(/Filesystem/);
    expect(result.buttons.map((b) => b.label)).toEqual([
      'Run again',
      'Run with changes',
      'Schedule this',
    ]);
    const run = await t.app.store.db.selectFrom('runs').selectAll().executeTakeFirstOrThrow();
    expect(run).toMatchObject({ status: 'success', server_name: 'box', trigger: 'manual' });
    expect(run.definition_id).not.toBeNull();
    expect(JSON.parse(run.thread ?? '{}')).toMatchObject({ platform: 'test' });
  });

  it('answers invalid values per field, keeping what was typed', async () => {
    const out = new Recorder();
    await t.conversation.handle(command(''), out);
    await t.conversation.handle(choose(out.last(), 'docker_logs'), out);
    await t.conversation.handle(submit(out.last(), { container_name: '-rm', lines: '9000' }), out);
    const form = out.last().form!;
    const byName = Object.fromEntries(form.fields.map((f) => [f.name, f]));
    expect(byName.lines?.error).toBe('Lines must be between 1 and 5000');
    expect(byName.lines?.value).toBe('9000');
    expect(byName.container_name?.error).toMatch(/Container name/);
    expect(byName.container_name?.value).toBe('-rm');
  });

  it('goes back, cancels, and refuses another user or an unknown session', async () => {
    const out = new Recorder();
    await t.conversation.handle(command(''), out);
    await t.conversation.handle(choose(out.last(), 'disk_usage'), out);
    await t.conversation.handle(press(out.last(), 'Back'), out);
    expect(out.last().title).toContain('Step 1 of 5');
    const step1 = out.last();

    await t.conversation.handle(choose(step1, 'disk_usage', 'U2'), out);
    expect(out.last().title).toBe('Not your wizard');

    await t.conversation.handle(press(step1, 'Cancel'), out);
    expect(out.last().title).toBe('Cancelled');
    await t.conversation.handle(choose(step1, 'disk_usage'), out);
    expect(out.last().title).toBe('Wizard ended');
    expect(out.last().buttons[0]?.label).toBe('Start again');
  });

  it('says a wizard expired after 24 hours and offers to start again', async () => {
    const out = new Recorder();
    await t.conversation.handle(command(''), out);
    const step1 = out.last();
    await t.app.store.db
      .updateTable('wizard_sessions')
      .set({ expires_at: Date.now() - 1 })
      .execute();
    await t.conversation.handle(choose(step1, 'disk_usage'), out);
    expect(out.last().sections[0]?.text).toMatch(/expired/);
  });

  it('filters by category, difficulty and words, and pages', async () => {
    const out = new Recorder();
    await t.conversation.handle(command(''), out);
    await t.conversation.handle(press(out.last(), '🐳 Docker'), out);
    expect(out.last().choices?.choices.every((c) => /docker/i.test(c.description ?? ''))).toBe(
      true,
    );
    await t.conversation.handle(press(out.last(), 'Difficulty: any'), out);
    expect(out.last().choices?.choices.map((c) => c.value)).not.toContain('docker_pull_image');
    await t.conversation.handle(press(out.last(), 'All'), out);
    await t.conversation.handle(press(out.last(), 'Search…'), out);
    await t.conversation.handle(submit(out.last(), { words: 'restart' }), out);
    expect(out.last().choices?.choices.map((c) => c.value)).toEqual(
      expect.arrayContaining(['docker_container_restart']),
    );
    const search = out
      .last()
      .sections.map((s) => s.text)
      .join(' ');
    expect(search).toContain('words "restart"');
  });
});
