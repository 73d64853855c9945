import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHANNEL } from '../../fakes/slack.js';
import { type SlackHarness, startSlackJobdeck, textOf } from './harness.js';

let h: SlackHarness;
let hold: Promise<void> | undefined;
beforeAll(async () => {
  h = await startSlackJobdeck({
    ackDeadlineMs: 100,
    before: (interaction) => (interaction.action.kind === 'submit' ? hold : undefined),
    config: {
      notifications: {
        channels: [{ name: 'ops-chat', type: 'chat', platform: 'slack', channel: 'C0OPS' }],
      },
    },
  });
});
afterAll(() => h.close());
afterEach(() => {
  expect(h.fake.violations.splice(0)).toEqual([]);
  expect(h.logged.splice(0)).toEqual([]);
});

describe('the Slack platform', () => {
  it('answers a slow submission with a working view, then says where the answer went', async () => {
    const opened = h.fake.nextCall('views.open');
    await h.fake.sendSlashCommand({ text: 'run greet local' });
    const viewId = String(((await opened).response.view as { id: string }).id);
    let release: () => void = () => undefined;
    hold = new Promise((resolve) => {
      release = resolve;
    });

    const ack = await h.fake.sendViewSubmission({ viewId, inputs: { name: 'slow' } });
    expect(ack.payload).toMatchObject({ response_action: 'update' });
    expect(textOf(h.fake.view(viewId)!.blocks)).toContain('Working on it');
    const posted = h.fake.nextCall('chat.postMessage');
    const done = h.fake.nextCall('views.update', (a) => a.view_id === viewId);
    hold = undefined;
    release();
    expect((await posted).args.channel).toBe(DEFAULT_CHANNEL);
    await done;
    expect(textOf(h.fake.view(viewId)!.blocks)).toContain(
      `Done: the answer is in <#${DEFAULT_CHANNEL}>`,
    );
  });

  it('posts a notification for a chat channel and answers its permalink', async () => {
    const answer = await h.t.app.deliveries.send(
      'ops-chat',
      {
        title: 'Backup FAILED on nas',
        body: '**exit 2** & <details> in [the run](https://jobdeck.example/runs/7)',
        tags: ['x'],
        priority: 4,
        click: 'https://jobdeck.example/runs/7',
        actions: [{ action: 'view', label: 'Open run', url: 'https://jobdeck.example/runs/7' }],
        markdown: true,
      },
      7,
    );
    const message = h.fake.messages('C0OPS').at(-1)!;
    expect(answer.permalink).toContain(`/archives/C0OPS/p${message.ts.replace('.', '')}`);
    expect(message.text).toBe('Backup FAILED on nas');
    const blocks = textOf(message.blocks);
    expect(blocks).toContain(
      '*exit 2* &amp; &lt;details&gt; in <https://jobdeck.example/runs/7|the run>',
    );
    expect(blocks).toContain('"url":"https://jobdeck.example/runs/7"');
  });

  it('is healthy while connected, and not once stopped', async () => {
    expect(h.platform.healthy()).toBe(true);
    await h.platform.stop();
    expect(h.platform.healthy()).toBe(false);
    await expect(h.t.app.deliveries.send('ops-chat', {} as never, null)).rejects.toThrow(
      /slack is not connected/,
    );
  });
});
