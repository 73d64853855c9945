// The wizard through the real discord.js against the fake Discord: to a schedule, and to a run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, idStarting, startHarness, textOf, titleOf } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(() => h?.close());

async function startWizard() {
  const { fake } = h;
  const command = fake.slashCommand('jobs', { subcommand: 'new' });
  expect((await command.callback()).body).toMatchObject({ type: 4, data: { flags: 64 } });
  const message = command.original();
  if (!message) throw new Error('the wizard showed nothing');
  expect(message.ephemeral).toBe(true);
  expect(titleOf(message)).toContain('Step 1 of 5');
  return message;
}

describe('the Discord wizard', () => {
  it('goes from /jobs new to a created schedule, through modals and a two-page form', async () => {
    const { fake } = h;
    const message = await startWizard();
    const pick = fake.selectMenu(message, idStarting(message, 'w.item|'), ['top_processes']);
    expect((await pick.callback()).body).toMatchObject({ type: 7 });
    expect(titleOf(message)).toContain('Step 2 of 5');

    const open = fake.clickButton(message, idStarting(message, 'w.params>'));
    expect((await open.callback()).body).toMatchObject({ type: 9 });
    expect(open.modal()?.title).toBe('Top processes');
    const params = fake.submitModal(open, { count: '5' });
    expect((await params.callback()).body).toMatchObject({ type: 7 });
    expect(titleOf(message)).toContain('Step 3 of 5');

    const servers = fake.selectMenu(message, idStarting(message, 'w.servers='), ['box']);
    await servers.callback();
    expect(titleOf(message)).toContain('Step 4 of 5');

    const page1 = fake.clickButton(message, idStarting(message, 'w.when>'));
    await page1.callback();
    expect(page1.modal()?.title).toBe('Schedule (1/2)');
    const first = fake.submitModal(page1, { when: 'daily', time: '04:30' });
    await first.callback();
    expect(textOf(message)).toContain('Page 1 of 2 saved');
    const continueButton = fake.clickButton(message, idStarting(message, 'w.when>'));
    await continueButton.callback();
    expect(continueButton.modal()?.title).toBe('Schedule (2/2)');
    const second = fake.submitModal(continueButton, { timezone: 'Europe/Berlin' });
    await second.callback();
    expect(titleOf(message)).toContain('Step 5 of 5');
    expect(textOf(message)).toContain('At 04:30');

    const notify = fake.clickButton(message, idStarting(message, 'w.notify>'));
    await notify.callback();
    const done = fake.submitModal(notify, { on_failure: 'true', on_success: 'true' });
    expect((await done.callback()).body).toMatchObject({ type: 7 });
    const posted = await done.followUp(0);
    expect(posted.body).not.toHaveProperty('flags');
    expect(titleOf(done.followUps()[0])).toBe('🗓️ Scheduled: 🔝 Top processes');

    const schedules = await h.t.app.scheduler.list();
    expect(schedules).toHaveLength(1);
    expect(schedules[0]).toMatchObject({
      cron: '30 4 * * *',
      timezone: 'Europe/Berlin',
      servers: ['box'],
      item: 'top_processes',
    });
    expect(fake.violations).toEqual([]);
  });

  it('runs now over SSH with the result in a thread started from a channel card', async () => {
    const { fake } = h;
    const message = await startWizard();
    await fake.selectMenu(message, idStarting(message, 'w.item|'), ['disk_usage']).callback();
    expect(titleOf(message)).toContain('Step 3 of 5');
    await fake.selectMenu(message, idStarting(message, 'w.servers='), ['box']).callback();
    const when = fake.clickButton(message, idStarting(message, 'w.when>'));
    await when.callback();
    // The fake submits a select's preselected options only when told them, unlike Discord.
    await fake.submitModal(when, { when: 'now', weekday: 'mon' }).callback();
    const rest = fake.clickButton(message, idStarting(message, 'w.when>'));
    await rest.callback();
    await fake.submitModal(rest, {}).callback();
    expect(titleOf(message)).toContain('Step 5 of 5');
    const notify = fake.clickButton(message, idStarting(message, 'w.notify>'));
    await notify.callback();
    const run = fake.submitModal(notify, { on_failure: 'true', on_success: 'false' });
    expect((await run.callback()).body).toMatchObject({ type: 7 });

    await fake.until(() => fake.threads(fake.channelId).length > 0, 10_000, 'a thread');
    const thread = fake.threads(fake.channelId).at(-1)!;
    const card = fake.message(thread.id)!;
    expect(card.ephemeral).toBe(false);
    await fake.until(
      () => titleOf(card).includes('succeeded'),
      20_000,
      'the card to say succeeded',
    );
    const result = fake.messages(thread.id).at(-1);
    expect(titleOf(result)).toBe('✅ 💽 Disk usage on box succeeded');
    expect(textOf(result)).toMatch(/Filesystem/);
    const ids = [card, result].map((m) => idStarting(m, 'run.again|'));
    expect(ids[0]).toBe(ids[1]);
    expect(textOf(message)).toContain(`<#${thread.id}>`);
    expect(fake.violations).toEqual([]);
  });
});
