import { afterEach, describe, expect, it } from 'vitest';
import { Recorder } from '../conversation/recorder.js';
import {
  ACCESS,
  type AccessTestApp,
  accessApp,
  by,
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

describe('the safe default', () => {
  it('refuses Slack and Discord users, only to them, saying exactly what to add', async () => {
    t = await accessApp('none');
    const out = new Recorder();
    await t.conversation.handle(cmd('run hello local', { user: 'U0123ABCD' }), out);
    const refusal = out.last();
    expect(refusal.title).toBe('You may not use jobdeck yet');
    expect(refusal.visibility).toBe('user');
    expect(textOf(refusal)).toContain(
      'nobody on slack may use it.\nAn admin adds this to jobdeck.yaml and restarts jobdeck:\n' +
        '```\naccess:\n  admins:\n    - slack:U0123ABCD\n```',
    );
    await t.conversation.handle(cmd('list', { platform: 'discord', user: '4242' }), out);
    expect(textOf(out.last())).toContain('    - discord:4242');
    await t.conversation.handle(cmd('help', { user: 'U0123ABCD' }), out);
    expect(out.last().title).toBe('/jobs: commands');
    expect(await runs()).toHaveLength(0);
  });

  it('lets the console run anything, advanced items after a confirmation', async () => {
    t = await accessApp('none');
    const out = new Recorder();
    const op = { platform: 'console' as const, user: 'op', channel: 'console' };
    await t.conversation.handle(cmd('run reboot_box prod1', op), out);
    expect(out.last().title).toBe('Run Reboot box?');
    await t.conversation.handle(pressOn(out.last(), 'Yes, run it', op), out);
    expect(out.last().title).toBe('Reboot box on prod1 succeeded');
  });
});

describe('refusals name what is missing, and only the user sees them', () => {
  it('an item, a server, a channel rule', async () => {
    t = await accessApp();
    const out = new Recorder();
    const viewer = { platform: 'discord' as const, user: 'D1' };
    await t.conversation.handle(cmd('run echo_words local words=x', viewer), out);
    expect(out.last()).toMatchObject({ title: 'You may not run Echo words', visibility: 'user' });
    expect(textOf(out.last())).toContain('None of your roles (viewer) allows Echo words');

    await t.conversation.handle(cmd('run echo_words prod1 words=x'), out);
    expect(out.last().title).toBe('You may not use the server prod1');
    expect(textOf(out.last())).toContain('the server prod1 (labels: prod)');

    await t.conversation.handle(cmd('run reboot_box local', { channel: 'CSAFE' }), out);
    expect(textOf(out.last())).toContain('Reboot box may not run in this channel');
    await t.conversation.handle(
      cmd('run reboot_box local', { user: 'UADMIN', channel: 'CSAFE' }),
      out,
    );
    expect(textOf(out.last())).toContain('the rule for slack:CSAFE under access.channels');
    await t.conversation.handle(cmd('servers probe prod1', viewer), out);
    expect(out.last().title).toBe('You may not use the server prod1');
    await t.conversation.handle(cmd('servers', viewer), out);
    expect(out.last().buttons.map((b) => b.label)).toEqual(['Probe local']);
    out.shown.pop();
    expect(out.shown.every((s) => s.screen.visibility === 'user')).toBe(true);
    expect(await runs()).toHaveLength(0);
  });

  it('a user group grants a role; a user with no role is told how to get one', async () => {
    t = await accessApp();
    const out = new Recorder();
    await t.conversation.handle(
      cmd('run echo_words local words=ok', { user: 'U9', roles: ['SOPS'] }),
      out,
    );
    expect(out.last().title).toBe('Echo words on local succeeded');
    await t.conversation.handle(cmd('list', { user: 'U404' }), out);
    expect(textOf(out.last())).toContain('You (slack:U404) have no jobdeck role.');
    expect(textOf(out.last())).toContain('    operator:\n      slack_users: [U404]');
  });

  it("cancelling someone else's run needs cancel_others; an admin may", async () => {
    t = await accessApp();
    const out = new Recorder();
    const running = t.conversation.handle(cmd('run sleepy local'), out);
    await expect.poll(async () => (await runs())[0]?.status).toBe('running');
    const id = (await runs())[0]!.id;
    await t.conversation.handle(cmd(`cancel ${id}`, { user: 'U2' }), out);
    expect(out.last().title).toBe(`You may not cancel run #${id}`);
    expect(textOf(out.last())).toContain("Cancelling someone else's run needs the cancel_others");
    await t.conversation.handle(cmd(`cancel ${id}`, { user: 'UADMIN' }), out);
    expect(out.last().title).toBe(`Cancelling run #${id}`);
    await running;
    expect((await runs())[0]?.status).toBe('cancelled');
  });

  it('schedules need the schedule permission, to create and to change', async () => {
    t = await accessApp();
    const out = new Recorder();
    const viewer = { platform: 'discord' as const, user: 'D1' };
    await t.conversation.handle(cmd('run hello local', viewer), out);
    const result = out.last();
    await t.conversation.handle(pressOn(result, 'Schedule this', viewer), out);
    expect(out.last().title).toBe('You may not create schedules');
    expect(textOf(out.last())).toContain('needs the schedule permission');

    await t.conversation.handle(pressOn(result, 'Schedule this', { user: 'UADMIN' }), out);
    expect(out.last().title).toContain('Step 4 of 5');
    await t.conversation.handle(
      submitOn(out.last(), { when: 'daily', time: '05:00' }, { user: 'UADMIN' }),
      out,
    );
    await t.conversation.handle(submitOn(out.last(), {}, { user: 'UADMIN' }), out);
    expect(out.last().title).toBe('Scheduled: Hello');
    const scheduled = out.last();
    await t.conversation.handle(pressOn(scheduled, 'Pause', viewer), out);
    expect(out.last().title).toMatch(/^You may not change schedule #\d+$/);
    expect((await t.app.scheduler.list())[0]?.enabled).toBe(true);
    await t.conversation.handle(pressOn(scheduled, 'Pause', { user: 'U1' }), out);
    expect((await t.app.scheduler.list())[0]?.enabled).toBe(false);
  });

  it('team pins: a button only for those who may pin, the action checked anyway', async () => {
    t = await accessApp();
    const out = new Recorder();
    const openItem = (who: { user: string }) =>
      by(who, { kind: 'select', action: 'item.open', value: '', values: ['echo_words'] });
    await t.conversation.handle(openItem({ user: 'U1' }), out);
    expect(out.last().buttons.map((b) => b.label)).toEqual(['Run…', '⭐ Star']);
    await t.conversation.handle(
      by({ user: 'U1' }, { kind: 'button', action: 'fav.pin', value: 'echo_words' }),
      out,
    );
    expect(out.last().title).toBe('You may not pin for the team');
    await t.conversation.handle(openItem({ user: 'UADMIN' }), out);
    await t.conversation.handle(
      pressOn(out.last(), '📌 Pin for the team', { user: 'UADMIN' }),
      out,
    );
    expect(out.last().title).toBe('📌 Pinned Echo words for the team');
    await t.conversation.handle(cmd('favorites', { user: 'U2' }), out);
    expect(out.last().buttons.map((b) => b.label)).toContain('📌 Echo words');
    await t.conversation.handle(cmd('favorites', { platform: 'discord', user: 'D1' }), out);
    expect(out.last().buttons.map((b) => b.label)).not.toContain('📌 Echo words');
  });
});

describe('lists show only what the user may use', () => {
  it('/jobs list, the wizard steps 1 and 3, and favourites', async () => {
    t = await accessApp();
    const out = new Recorder();
    const viewer = { platform: 'discord' as const, user: 'D1' };
    await t.conversation.handle(cmd('list', viewer), out);
    expect(out.last().choices?.choices.map((c) => c.value)).toEqual(['hello']);
    expect(out.last().footer).toBe('1 jobs');

    await t.conversation.handle(cmd('list', { user: 'U1', channel: 'CSAFE' }), out);
    const safe = out.last().choices?.choices.map((c) => c.value) ?? [];
    expect(safe).toContain('echo_words');
    expect(safe).not.toContain('reboot_box');
    expect(safe).not.toContain('hello');

    await t.conversation.handle(cmd('', viewer), out);
    expect(out.last().choices?.choices.map((c) => c.value)).toEqual(['hello']);
    await t.conversation.handle(chooseOn(out.last(), 'hello', viewer), out);
    expect(out.last().title).toContain('Step 3 of 5');
    expect(out.last().form?.fields[0]?.options?.map((o) => o.value)).toEqual(['local']);

    await t.conversation.handle(chooseOn(out.shown.at(-2)!.screen, 'echo_words', viewer), out);
    expect(out.last().title).toBe('You may not run Echo words');

    await t.conversation.handle(cmd('', { user: 'UADMIN' }), out);
    expect(out.last().choices?.choices.map((c) => c.value)).toContain('dnf_upgrade');
  });

  it('a forged server choice is refused', async () => {
    t = await accessApp();
    const out = new Recorder();
    await t.conversation.handle(cmd(''), out);
    await t.conversation.handle(chooseOn(out.last(), 'echo_words'), out);
    await t.conversation.handle(submitOn(out.last(), { words: 'x' }), out);
    expect(out.last().form?.fields[0]?.options?.map((o) => o.value)).toEqual(['local']);
    await t.conversation.handle(submitOn(out.last(), { servers: ['prod1'] }), out);
    expect(out.last().form?.fields[0]?.error).toBe('Cannot run on prod1');
    expect(await runs()).toHaveLength(0);
  });
});

describe('the rate limit', () => {
  it('answers clearly when a user started too many runs in the last minute', async () => {
    t = await accessApp({ ...ACCESS, rate_limit: 2 });
    const out = new Recorder();
    await t.conversation.handle(cmd('run echo_words local words=1'), out);
    await t.conversation.handle(cmd('run echo_words local words=2'), out);
    await t.conversation.handle(cmd('run echo_words local words=3'), out);
    expect(out.last().title).toBe('Slow down');
    expect(out.last().visibility).toBe('user');
    expect(out.last().sections[0]?.text).toMatch(
      /^You started 2 runs in the last minute; try again in \d+ s\.$/,
    );
    await t.conversation.handle(cmd('run echo_words local words=4', { user: 'U2' }), out);
    expect(out.last().title).toBe('Echo words on local succeeded');
    expect(await runs()).toHaveLength(3);
  });
});
