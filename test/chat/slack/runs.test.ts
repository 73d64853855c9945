import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHANNEL, type Json } from '../../fakes/slack.js';
import { buttonId, eventually, type SlackHarness, startSlackJobdeck, textOf } from './harness.js';

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackJobdeck();
});
afterAll(() => h.close());
afterEach(() => {
  expect(h.fake.violations.splice(0)).toEqual([]);
  expect(h.logged.splice(0)).toEqual([]);
});

const finished = (title: string) => (args: Json) =>
  String(args.text).includes(title) && !String(args.text).includes('running');

async function runs(item: string) {
  return h.t.app.store.db
    .selectFrom('runs')
    .selectAll()
    .where('item_name', '=', item)
    .orderBy('id')
    .execute();
}

describe('runs from Slack', () => {
  it('/jobs run disk_usage box: a card with the result; Run again runs in its thread', async () => {
    const posted = h.fake.nextCall('chat.postMessage');
    const result = h.fake.nextCall('chat.update', finished('Disk usage on box succeeded'));
    await h.fake.sendSlashCommand({ text: 'run disk_usage box' });
    const card = String((await posted).response.ts);
    expect((await result).args.ts).toBe(card);
    expect(h.fake.messages().find((m) => m.ts === card)?.text).toBe(
      '✅ 💽 Disk usage on box succeeded',
    );

    const again = h.fake.nextCall('chat.postMessage');
    const againDone = h.fake.nextCall('chat.update', finished('Disk usage on box succeeded'));
    const message = h.fake.messages().find((m) => m.ts === card)!;
    await h.fake.sendBlockActions({
      messageTs: card,
      actionId: buttonId(message.blocks, 'Run again'),
    });
    expect((await again).args).toMatchObject({ channel: DEFAULT_CHANNEL, thread_ts: card });
    await againDone;
    const [first, second] = await runs('disk_usage');
    expect(second).toMatchObject({
      trigger: 'run-again',
      parent_run_id: first?.id,
      server_name: 'box',
      parameters: first?.parameters,
      status: 'success',
    });
    expect(h.fake.thread(card).map((m) => m.text)).toEqual(['✅ 💽 Disk usage on box succeeded']);
  });

  it('Cancel, confirmed, stops a running job and the card says it was cancelled', async () => {
    const posted = h.fake.nextCall('chat.postMessage');
    await h.fake.sendSlashCommand({ text: 'run nap local seconds=60' });
    const card = String((await posted).response.ts);
    await eventually(async () => expect((await runs('nap'))[0]?.status).toBe('running'));
    const message = h.fake.messages().find((m) => m.ts === card)!;
    const cancel = (message.blocks as Json[])
      .flatMap((b) => (b.elements as Json[] | undefined) ?? [])
      .find((e) => (e.text as Json | undefined)?.text === 'Cancel')!;
    expect(cancel.confirm).toMatchObject({
      title: { text: 'Cancel this run?' },
      confirm: { text: 'Stop it' },
      style: 'danger',
    });

    const cancelled = h.fake.nextCall('chat.update', finished('was cancelled'));
    await h.fake.sendBlockActions({ messageTs: card, actionId: String(cancel.action_id) });
    expect((await cancelled).args.ts).toBe(card);
    expect((await runs('nap'))[0]?.status).toBe('cancelled');
    expect(h.fake.ephemerals.at(-1)).toMatchObject({ text: expect.stringContaining('Cancelling') });
  });

  it('uploads a long output as a file into the run thread; the card shows the tail', async () => {
    const posted = h.fake.nextCall('chat.postMessage');
    const done = h.fake.nextCall('files.completeUploadExternal');
    await h.fake.sendSlashCommand({ text: 'run big_output local' });
    const card = String((await posted).response.ts);
    expect((await done).args).toMatchObject({ channel_id: DEFAULT_CHANNEL, thread_ts: card });
    const file = [...h.fake.files.values()].find((f) => f.filename.startsWith('run-'))!;
    expect(file.content?.length).toBe(1500 * 71);
    expect(file.content?.toString()).toMatch(/^0123456789/);
    expect(h.fake.thread(card).at(-1)).toMatchObject({
      text: 'Full output (104.0 KB)',
      files: [{ name: file.filename }],
    });
    const final = h.fake.messages().find((m) => m.ts === card)!;
    expect(final.text).toBe('✅ Big output on local succeeded');
    expect(textOf(final.blocks)).toContain('characters above not shown');
  });

  it('keeps every update when Slack answers 429: retried after Retry-After', async () => {
    h.fake.rateLimit('chat.postMessage', 1, 1);
    const posted = h.fake.nextCall('chat.postMessage', (_a, call) => call.status === 200, 8000);
    const result = h.fake.nextCall('chat.update', finished('Greet on local succeeded'), 8000);
    await h.fake.sendSlashCommand({ text: 'run greet local name=ada' });
    await posted;
    expect(textOf((await result).args.blocks as never)).toContain('hello ada');
    const statuses = h.fake
      .callsTo('chat.postMessage')
      .slice(-2)
      .map((c) => c.status);
    expect(statuses).toEqual([429, 200]);
    expect(h.logged.splice(0).join('')).toContain('rate limit was exceeded');
  });
});
