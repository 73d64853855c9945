import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/cli/audit-commands.js';
import { listAudit, recordAudit } from '../../src/jobs/audit.js';
import { openStore } from '../../src/store/db.js';
import { cliFolder, jobdeck } from '../cli/cli-harness.js';
import { Recorder } from '../conversation/recorder.js';
import { type AccessTestApp, accessApp, by, chooseOn, cmd, pressOn, submitOn } from './setup.js';

let t: AccessTestApp | undefined;
afterEach(() => t?.close());

describe('the audit log from chat', () => {
  it('records run starts, refusals, schedule changes, pins and approvals', async () => {
    t = await accessApp();
    const app = t;
    const out = new Recorder();
    const admin = { user: 'UADMIN' };
    await app.conversation.handle(cmd('run show_token local token=s3cr3t-token-value'), out);
    await app.conversation.handle(cmd('run echo_words prod1 words=nope'), out);
    await app.conversation.handle(cmd('', admin), out);
    await app.conversation.handle(chooseOn(out.last(), 'hello', admin), out);
    await app.conversation.handle(submitOn(out.last(), { servers: ['local'] }, admin), out);
    await app.conversation.handle(
      submitOn(out.last(), { when: 'hourly', time: '00:15' }, admin),
      out,
    );
    await app.conversation.handle(submitOn(out.last(), {}, admin), out);
    const scheduled = out.last();
    await app.conversation.handle(pressOn(scheduled, 'Pause', admin), out);
    await app.conversation.handle(pressOn(out.last(), 'Resume', admin), out);
    await app.conversation.handle(pressOn(out.last(), 'Delete', admin), out);
    await app.conversation.handle(
      by(admin, { kind: 'button', action: 'fav.pin', value: 'hello' }),
      out,
    );
    await app.conversation.handle(cmd('run reboot_box local'), out);
    await app.conversation.handle(pressOn(out.last(), 'Deny', { user: 'U3' }), out);

    const log = await listAudit(app.app.store.db);
    expect(log.map((e) => [e.actor, e.action, e.item, e.outcome])).toEqual([
      ['slack:U1', 'run', 'show_token', 'ok'],
      ['slack:U1', 'run', 'echo_words', 'refused'],
      ['slack:UADMIN', 'schedule.create', 'hello', 'ok'],
      ['slack:UADMIN', 'schedule.pause', 'hello', 'ok'],
      ['slack:UADMIN', 'schedule.resume', 'hello', 'ok'],
      ['slack:UADMIN', 'schedule.delete', 'hello', 'ok'],
      ['slack:UADMIN', 'favorite.pin', 'hello', 'ok'],
      ['slack:U1', 'approval.request', 'reboot_box', 'requested'],
      ['slack:U3', 'approval.decide', 'reboot_box', 'denied'],
    ]);
    const [run, refused] = log;
    expect(run).toMatchObject({
      platform: 'slack',
      channelId: 'C1',
      servers: ['local'],
      parameters: { token: '********' },
    });
    expect(run?.detail).toMatch(/^manual: run #1$/);
    expect(refused?.servers).toEqual(['prod1']);
    expect(refused?.detail).toContain('None of your roles (operator) allows the server prod1');
    const dump = JSON.stringify(app.app.store.sqlite.prepare('select * from audit_log').all());
    expect(dump).not.toContain('s3cr3t-token-value');
  });
});

describe('jobdeck audit', () => {
  it('reads durations', () => {
    expect(parseDuration('30m')).toBe(1_800_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('7d')).toBe(604_800_000);
    expect(parseDuration('2w')).toBe(1_209_600_000);
    expect(parseDuration('soon')).toBeUndefined();
    expect(parseDuration('5 parsecs')).toBeUndefined();
  });

  it('lists, filters by time and user, prints JSON, records CLI schedule changes', async () => {
    const dir = cliFolder([{ name: 'local', transport: 'local' }]);
    const store = await openStore(join(dir, 'jobdeck.db'));
    const now = Date.now();
    await recordAudit(store.db, {
      actor: 'slack:U1',
      platform: 'slack',
      channelId: 'C1',
      action: 'run',
      item: 'greet',
      servers: ['local'],
      parameters: { who: 'x' },
      outcome: 'ok',
      detail: 'manual: run #1',
      at: now - 3 * 3_600_000,
    });
    await recordAudit(store.db, {
      actor: 'discord:42',
      platform: 'discord',
      action: 'approval.decide',
      item: 'wipe',
      outcome: 'denied',
      at: now - 60_000,
    });
    await store.close();

    const all = await jobdeck(dir, ['audit']);
    expect(all.code).toBe(0);
    const lines = all.out.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\w{3} \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC {2}slack:U1 {2}/);
    expect(lines[0]).toMatch(
      / {2}slack\/C1 {2}run {2}greet on local {2}ok {2}who="x" · manual: run #1$/,
    );
    expect(lines[1]).toContain('discord:42  discord  approval.decide  wipe  denied');

    const recent = await jobdeck(dir, ['audit', '--since', '1h']);
    expect(recent.out).not.toContain('slack:U1');
    expect(recent.out).toContain('discord:42');
    const mine = await jobdeck(dir, ['audit', '--user', 'U1', '--json']);
    const parsed = JSON.parse(mine.out) as Array<Record<string, unknown>>;
    expect(parsed).toEqual([
      expect.objectContaining({ actor: 'slack:U1', item: 'greet', parameters: { who: 'x' } }),
    ]);
    expect(parsed[0]?.at).toMatch(/^\d{4}-\d\d-\d\dT/);
    const bad = await jobdeck(dir, ['audit', '--since', 'yesterday']);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('--since expects a duration such as 30m, 12h or 7d');
    const none = await jobdeck(dir, ['audit', '--user', 'nobody']);
    expect(none.err).toContain('no audit entries match');

    const add = await jobdeck(dir, [
      'schedule',
      'add',
      'greet',
      '--server',
      'local',
      '--cron',
      '0 4 * * *',
      'who=cli',
    ]);
    expect(add.code).toBe(0);
    const id = /schedule (\d+)/.exec(add.out)?.[1] ?? /#(\d+)/.exec(add.out)?.[1];
    expect(id).toBeDefined();
    expect((await jobdeck(dir, ['schedule', 'pause', id!])).code).toBe(0);
    expect((await jobdeck(dir, ['schedule', 'delete', id!])).code).toBe(0);
    const cli = await jobdeck(dir, ['audit', '--user', `cli:${userInfo().username}`, '--json']);
    const changes = (JSON.parse(cli.out) as Array<{ action: string; platform: string }>).map(
      (e) => `${e.platform}:${e.action}`,
    );
    expect(changes).toEqual(['cli:schedule.create', 'cli:schedule.pause', 'cli:schedule.delete']);
  });
});
