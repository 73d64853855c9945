// Runs from Discord: /jobs run with autocomplete, Run again, Cancel with a confirmation, files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoredMessage } from '../../fakes/discord.js';
import { type Harness, idStarting, startHarness, textOf, titleOf } from './harness.js';

const ATTACHMENT_LIMIT = 64 * 1024;
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ fake: { attachmentSizeLimit: ATTACHMENT_LIMIT } });
});

afterAll(() => h?.close());

/** The card a /jobs run posted in the channel, its thread, and the thread's run message. */
async function runCard(item: string, server: string) {
  const { fake } = h;
  const before = fake.threads(fake.channelId).length;
  const command = fake.slashCommand('jobs', { subcommand: 'run', options: { item, server } });
  expect((await command.callback()).body).toMatchObject({ type: 4, data: { flags: 64 } });
  await fake.until(() => fake.threads(fake.channelId).length > before, 10_000, 'a thread');
  const thread = fake.threads(fake.channelId).at(-1)!;
  await fake.until(() => fake.messages(thread.id).length > 0, 10_000, 'the run in the thread');
  return {
    command,
    card: fake.message(thread.id)!,
    thread,
    inThread: fake.messages(thread.id)[0]!,
  };
}

function ended(message: StoredMessage, word: string, timeoutMs = 20_000) {
  return h.fake.until(() => titleOf(message).includes(word), timeoutMs, `"${word}" in the title`);
}

describe('runs from Discord', () => {
  it('autocompletes item and server names', async () => {
    const { fake } = h;
    const items = fake.autocomplete('jobs', 'item', {
      subcommand: 'run',
      options: { item: 'disk' },
    });
    const answer = (await items.callback()).body as { type: number; data: { choices: unknown[] } };
    expect(answer.type).toBe(8);
    expect(answer.data.choices).toContainEqual({
      name: 'Disk usage (disk_usage)',
      value: 'disk_usage',
    });
    const servers = fake.autocomplete('jobs', 'server', {
      subcommand: 'run',
      options: { item: 'disk_usage', server: 'b' },
    });
    expect(((await servers.callback()).body as { data: unknown }).data).toEqual({
      choices: [{ name: 'box', value: 'box' }],
    });
  });

  it('runs /jobs run on the test sshd, then Run again with the same parameters', async () => {
    const { fake } = h;
    const options = { item: 'top_processes', server: 'box', parameters: 'count=7 sort_by=%mem' };
    const command = fake.slashCommand('jobs', { subcommand: 'run', options });
    await command.callback();
    await fake.until(() => titleOf(command.original()) === 'Started', 10_000, 'the started note');
    const threadId = /<#(\d+)>/.exec(textOf(command.original()))?.[1] ?? '';
    const card = fake.message(threadId)!;
    const first = fake.messages(threadId)[0]!;
    await ended(first, 'succeeded');
    await ended(card, 'succeeded');

    const again = fake.clickButton(card, idStarting(card, 'run.again|'));
    expect((await again.callback()).body).toMatchObject({ type: 6 });
    await fake.until(() => fake.messages(threadId).length === 2, 10_000, 'a second run');
    const second = fake.messages(threadId)[1]!;
    await ended(second, 'succeeded');
    const runs = await h.t.app.store.db
      .selectFrom('runs')
      .select(['id', 'parameters', 'trigger', 'parent_run_id', 'server_name'])
      .where('item_name', '=', 'top_processes')
      .orderBy('id')
      .execute();
    expect(runs).toHaveLength(2);
    expect(runs[1]).toMatchObject({
      trigger: 'run-again',
      parent_run_id: runs[0]?.id,
      parameters: runs[0]?.parameters,
      server_name: 'box',
    });
    expect(JSON.parse(String(runs[0]?.parameters))).toMatchObject({ count: 7, sort_by: '%mem' });
    expect(fake.threads(fake.channelId).filter((t) => t.id === threadId)).toHaveLength(1);
    expect(fake.violations).toEqual([]);
  });

  it('asks before Cancel, then cancels a sleeping job', async () => {
    const { fake } = h;
    const { card, inThread } = await runCard('slow_sleep', 'box');
    await fake.until(() => textOf(inThread).includes('started'), 20_000, 'output in the thread');
    const cancel = fake.clickButton(card, idStarting(card, 'run.cancel!'));
    const dialog = (await cancel.callback()).body as { type: number; data: { flags: number } };
    expect(dialog).toMatchObject({ type: 4, data: { flags: 64 } });
    const ask = cancel.original()!;
    expect(titleOf(ask)).toBe('⚠️ Cancel this run?');
    const yes = fake.clickButton(ask, idStarting(ask, 'run.cancel|'));
    expect((await yes.callback()).body).toMatchObject({ type: 7 });
    expect(titleOf(ask)).toMatch(/^Cancelling run #\d+$/);
    await ended(inThread, 'cancelled');
    await ended(card, 'cancelled');
    expect(fake.violations).toEqual([]);
  });

  it('ends a run in its thread with the bot token after the token expired', async () => {
    const { fake } = h;
    const options = { item: 'slow_sleep', server: 'local', parameters: 'seconds=1' };
    const command = fake.slashCommand('jobs', { subcommand: 'run', options });
    await command.callback();
    await fake.until(() => titleOf(command.original()) === 'Started', 10_000, 'the started note');
    command.expire('token');
    const threadId = /<#(\d+)>/.exec(textOf(command.original()))?.[1] ?? '';
    await ended(fake.messages(threadId)[0]!, 'succeeded');
    await ended(fake.message(threadId)!, 'succeeded');
    expect(fake.violations).toEqual([]);
  });

  it('attaches long output as a file within the attachment size limit', async () => {
    const { fake } = h;
    const { inThread } = await runCard('long_output', 'local');
    await ended(inThread, 'succeeded');
    const file = inThread.files.at(-1)!;
    expect(file.name).toMatch(/^run-\d+\.log$/);
    expect(file.size).toBeLessThanOrEqual(ATTACHMENT_LIMIT);
    const text = file.data.toString('utf8');
    expect(text.startsWith('[… first ')).toBe(true);
    expect(text.trimEnd().endsWith('\n20000')).toBe(true);
    expect(fake.violations).toEqual([]);
  });
});
