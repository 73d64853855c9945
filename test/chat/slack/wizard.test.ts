import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHANNEL } from '../../fakes/slack.js';
import { actionIdIn, headerOf, type SlackHarness, startSlackJobdeck, textOf } from './harness.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackJobdeck();
});
afterAll(() => h.close());
afterEach(() => {
  expect(h.fake.violations.splice(0)).toEqual([]);
  expect(h.logged.splice(0)).toEqual([]);
});

/** Opens the wizard with /jobs and picks `item` from step 1's menu. */
async function openAndPick(item: string) {
  const opened = h.fake.nextCall('views.open');
  expect((await h.fake.sendSlashCommand({ text: '' })).payload).toEqual({});
  const viewId = String(((await opened).response.view as { id: string }).id);
  const step1 = h.fake.view(viewId)!;
  expect(headerOf(step1)).toBe('New job · Step 1 of 5: choose a job');
  expect(step1.title).toMatchObject({ text: 'New job (1/5)' });
  const updated = h.fake.nextCall('views.update');
  const actionId = actionIdIn(step1.blocks, 'w.item');
  await h.fake.sendBlockActions({ viewId, actionId, value: item });
  await updated;
  return viewId;
}

describe('the wizard in a Slack modal', () => {
  it('goes from /jobs to a created schedule, each step answered in the same modal', async () => {
    const viewId = await openAndPick('top_processes');
    expect(headerOf(h.fake.view(viewId))).toContain('Step 2 of 5');

    const step3 = await h.fake.sendViewSubmission({ viewId, inputs: { count: '5' } });
    expect(step3.payload).toMatchObject({ response_action: 'update' });
    expect(headerOf(h.fake.view(viewId))).toContain('Step 3 of 5');
    const servers = textOf(h.fake.view(viewId)!.blocks);
    expect(servers).toContain('"value":"local"');
    expect(servers).toContain('"value":"box"');

    await h.fake.sendViewSubmission({ viewId, inputs: { servers: ['box'] } });
    expect(headerOf(h.fake.view(viewId))).toContain('Step 4 of 5');
    await h.fake.sendViewSubmission({
      viewId,
      inputs: { when: 'daily', time: '04:30', timezone: 'Europe/Berlin' },
    });
    const step5 = h.fake.view(viewId)!;
    expect(headerOf(step5)).toContain('Step 5 of 5');
    expect(step5.submit).toMatchObject({ text: 'Create schedule' });
    expect(textOf(step5.blocks)).toContain('ps aux --sort=-%cpu | head -n 5');

    const posted = h.fake.nextCall('chat.postMessage');
    const done = await h.fake.sendViewSubmission({ viewId, inputs: { on_success: true } });
    expect(done.payload).toEqual({ response_action: 'clear' });
    expect(h.fake.openModals()).toEqual([]);
    expect((await posted).args).toMatchObject({
      channel: DEFAULT_CHANNEL,
      text: '🗓️ Scheduled: 🔝 Top processes',
    });
    const schedules = await h.t.app.scheduler.list();
    expect(schedules).toMatchObject([
      { cron: '30 4 * * *', timezone: 'Europe/Berlin', servers: ['box'], item: 'top_processes' },
    ]);
  });

  it('runs now over SSH on box and posts the result, whose thread holds the next run', async () => {
    const viewId = await openAndPick('disk_usage');
    expect(headerOf(h.fake.view(viewId))).toContain('Step 3 of 5');
    await h.fake.sendViewSubmission({ viewId, inputs: { servers: ['box'] } });
    await h.fake.sendViewSubmission({ viewId, inputs: { when: 'now' } });
    expect(h.fake.view(viewId)?.submit).toMatchObject({ text: 'Run now' });

    const posted = h.fake.nextCall('chat.postMessage');
    const result = h.fake.nextCall('chat.update', (args) =>
      String(args.text).includes('Disk usage on box succeeded'),
    );
    expect((await h.fake.sendViewSubmission({ viewId })).payload).toEqual({
      response_action: 'clear',
    });
    const parent = String((await posted).response.ts);
    expect((await posted).args.thread_ts).toBeUndefined();
    const final = await result;
    expect(final.args.ts).toBe(parent);
    expect(textOf(final.args.blocks as never)).toContain('Filesystem');
    const card = h.fake.messages().find((m) => m.ts === parent)!;
    expect(textOf(card.blocks)).toContain('Run again');
    const run = await h.t.app.store.db
      .selectFrom('runs')
      .selectAll()
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(run).toMatchObject({ server_name: 'box', status: 'success', item_name: 'disk_usage' });
    expect(JSON.parse(String(run.thread))).toMatchObject({
      platform: 'slack',
      channelId: DEFAULT_CHANNEL,
      threadId: parent,
      permalink: expect.stringContaining('/archives/C0JOBS/p'),
    });
  });

  it('answers an invalid value in the modal with response_action errors on its field', async () => {
    const viewId = await openAndPick('greet');
    const refused = await h.fake.sendViewSubmission({ viewId, inputs: { name: 'Not Valid' } });
    expect(refused.payload).toEqual({
      response_action: 'errors',
      errors: { 'in:w.params:name': expect.stringContaining('lower-case letters only') },
    });
    expect(headerOf(h.fake.view(viewId))).toContain('Step 2 of 5');

    const accepted = await h.fake.sendViewSubmission({ viewId, inputs: { name: 'ada' } });
    expect(accepted.payload).toMatchObject({ response_action: 'update' });
    expect(headerOf(h.fake.view(viewId))).toContain('Step 3 of 5');
    await h.fake.sendBlockActions({
      viewId,
      actionId: actionIdIn(h.fake.view(viewId)!.blocks, 'w.cancel'),
    });
    await h.fake.waitFor('views.update', () => headerOf(h.fake.view(viewId)) === 'Cancelled');
  });
});

describe('a sub-dialog over the wizard', () => {
  it('pushes the search form, then closes it and updates the wizard below', async () => {
    const opened = h.fake.nextCall('views.open');
    await h.fake.sendSlashCommand({ text: 'new' });
    const root = String(((await opened).response.view as { id: string }).id);
    const pushed = h.fake.nextCall('views.push');
    await h.fake.sendBlockActions({
      viewId: root,
      actionId: actionIdIn(h.fake.view(root)!.blocks, 'w.search'),
    });
    const search = String(((await pushed).response.view as { id: string }).id);
    expect(h.fake.openModals()).toContainEqual([root, search]);
    expect(headerOf(h.fake.view(search))).toBe('Search jobs');

    const updated = h.fake.nextCall('views.update', (args) => args.view_id === root);
    const ack = await h.fake.sendViewSubmission({ viewId: search, inputs: { words: 'greet' } });
    expect(ack.payload).toEqual({});
    await updated;
    expect(h.fake.openModals()).toContainEqual([root]);
    const menu = textOf(h.fake.view(root)!.blocks);
    expect(menu).toContain('Showing 1 jobs with words');
    expect(menu).toContain('"value":"greet"');
  });
});
