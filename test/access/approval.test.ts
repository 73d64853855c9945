import { afterEach, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/jobs/audit.js';
import { Recorder } from '../conversation/recorder.js';
import {
  type AccessTestApp,
  accessApp,
  chooseOn,
  cmd,
  pressOn,
  submitOn,
  textOf,
} from './setup.js';

let t: AccessTestApp;
afterEach(() => t.close());

async function runs() {
  return t.app.store.db.selectFrom('runs').selectAll().orderBy('id').execute();
}

const APPROVER = { user: 'U3', name: 'Ana' };

async function requestReboot(out: Recorder) {
  await t.conversation.handle(cmd('run reboot_box local', { user: 'U1', name: 'Bob' }), out);
  return out.last();
}

describe('approval of advanced items', () => {
  it('posts the request in the channel; only another user who may approve decides', async () => {
    t = await accessApp();
    const out = new Recorder();
    const request = await requestReboot(out);
    expect(request).toMatchObject({
      title: 'Approval needed: Reboot box',
      visibility: 'channel',
      placement: 'new',
    });
    expect(textOf(request)).toContain('Bob asks to run Reboot box on local.');
    expect(request.sections[1]).toEqual({ text: 'echo rebooting', code: true });
    expect(request.fields.find((f) => f.label === 'Expires')?.value).toBe('in 10 min');
    expect(request.buttons.map((b) => b.label)).toEqual(['Approve', 'Deny']);

    await t.conversation.handle(pressOn(request, 'Approve', { user: 'U1' }), out);
    expect(out.last()).toMatchObject({
      title: 'You cannot decide your own request',
      visibility: 'user',
    });
    await t.conversation.handle(pressOn(request, 'Approve', { user: 'U2' }), out);
    expect(out.last().title).toBe('You may not approve requests');
    expect(textOf(out.last())).toContain('Approving requests needs the approve permission');
    await t.conversation.handle(pressOn(request, 'Deny', { user: 'U2' }), out);
    expect(out.last().title).toBe('You may not approve requests');
    expect(await runs()).toHaveLength(0);

    await t.conversation.handle(pressOn(request, 'Approve', APPROVER), out);
    const decided = out.shown.find((s) => s.screen.title.endsWith(': approved'));
    expect(decided?.screen).toMatchObject({
      title: 'Run reboot_box on local: approved',
      visibility: 'channel',
      placement: 'replace',
    });
    expect(textOf(decided!.screen)).toContain('Approved by Ana. Starting now.');
    expect(out.last().title).toBe('Reboot box on local succeeded');
    const all = await runs();
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({ actor: 'slack:U1', status: 'success', server_name: 'local' });

    await t.conversation.handle(pressOn(request, 'Approve', { user: 'UADMIN' }), out);
    expect(out.last().title).toBe('Nothing to decide');
    expect(await runs()).toHaveLength(1);
  });

  it('an approver on Discord through a role; two approvals at once start one run', async () => {
    t = await accessApp();
    const out = new Recorder();
    const request = await requestReboot(out);
    await Promise.all([
      t.conversation.handle(pressOn(request, 'Approve', { user: 'UADMIN' }), out),
      t.conversation.handle(pressOn(request, 'Approve', APPROVER), out),
    ]);
    expect(await runs()).toHaveLength(1);
    expect(out.shown.filter((s) => s.screen.title === 'Nothing to decide')).toHaveLength(1);

    const second = await requestReboot(out);
    await t.conversation.handle(
      pressOn(second, 'Approve', { platform: 'discord', user: 'D7', roles: ['R1'] }),
      out,
    );
    expect(await runs()).toHaveLength(2);
  });

  it('deny: nothing runs and the channel sees who denied', async () => {
    t = await accessApp();
    const out = new Recorder();
    const request = await requestReboot(out);
    await t.conversation.handle(pressOn(request, 'Deny', APPROVER), out);
    expect(out.last()).toMatchObject({
      title: 'Run reboot_box on local: denied',
      visibility: 'channel',
    });
    expect(textOf(out.last())).toContain('Denied by Ana. Nothing was run.');
    await t.conversation.handle(pressOn(request, 'Approve', { user: 'UADMIN' }), out);
    expect(out.last().title).toBe('Nothing to decide');
    expect(await runs()).toHaveLength(0);
  });

  it('a request expires after the configured time, when pressed or swept', async () => {
    t = await accessApp();
    const out = new Recorder();
    const request = await requestReboot(out);
    const expire = () =>
      t.app.store.db
        .updateTable('wizard_sessions')
        .set({ expires_at: Date.now() - 1 })
        .where('step', '=', 'approval')
        .execute();
    await expire();
    await t.conversation.handle(pressOn(request, 'Approve', APPROVER), out);
    expect(out.last().title).toBe('Run reboot_box on local: expired');
    expect(textOf(out.last())).toContain('Nobody decided in time. Nothing was run');

    await requestReboot(out);
    await expire();
    await t.conversation.sweep();
    const outcomes = (await listAudit(t.app.store.db)).map((a) => `${a.action}:${a.outcome}`);
    expect(outcomes.filter((o) => o === 'approval.decide:expired')).toHaveLength(2);
    expect(await runs()).toHaveLength(0);
    const left = await t.app.store.db.selectFrom('wizard_sessions').selectAll().execute();
    expect(left).toHaveLength(0);
  });

  it('secrets wait in memory for the approval, and never reach SQLite or the request', async () => {
    t = await accessApp();
    const out = new Recorder();
    await t.conversation.handle(cmd('run secret_reboot local token=hunter2-secret'), out);
    const request = out.last();
    expect(textOf(request)).not.toContain('hunter2-secret');
    expect(request.fields[0]?.value).toBe('token=********');
    const dump = JSON.stringify(t.app.store.sqlite.prepare('select * from wizard_sessions').all());
    expect(dump).not.toContain('hunter2-secret');
    await t.conversation.handle(pressOn(request, 'Approve', APPROVER), out);
    const result = out.last();
    expect(result.title).toBe('Reboot with a key on local succeeded');
    expect(result.sections.map((s) => s.text).join('\n')).toContain('using ********');
  });

  it('a schedule of an advanced item is approved once, when it is created', async () => {
    t = await accessApp();
    const out = new Recorder();
    await t.conversation.handle(cmd(''), out);
    await t.conversation.handle(chooseOn(out.last(), 'reboot_box'), out);
    await t.conversation.handle(submitOn(out.last(), { servers: ['local'] }), out);
    await t.conversation.handle(submitOn(out.last(), { when: 'daily', time: '02:30' }), out);
    await t.conversation.handle(submitOn(out.last(), {}), out);
    const request = out.last();
    expect(request.title).toBe('Approval needed: Reboot box');
    expect(textOf(request)).toContain(
      'asks to schedule Reboot box on local on a schedule: At 02:30',
    );
    expect(await t.app.scheduler.list()).toHaveLength(0);

    await t.conversation.handle(pressOn(request, 'Approve', APPROVER), out);
    expect(out.last().title).toBe('Scheduled: Reboot box');
    const schedules = await t.app.scheduler.list();
    expect(schedules).toMatchObject([{ cron: '30 2 * * *', item: 'reboot_box', enabled: true }]);
    const row = await t.app.store.db.selectFrom('schedules').selectAll().executeTakeFirstOrThrow();
    expect(row.created_by).toBe('slack:U1');
  });
});
