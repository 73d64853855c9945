// A busy bot: interactions deferred the moment they arrive, then answered by edits; nothing lost.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screen } from '../../../src/conversation/screen.js';
import type { StoredMessage } from '../../fakes/discord.js';
import { components, type Harness, idStarting, startHarness, titleOf } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness({
    // Every interaction finds the bot "busy": each deferrable one is deferred first.
    reply: { deferWhenWaiting: { commands: 0, components: 0 } },
    conversation: (inner) => ({
      async handle(interaction, responder) {
        const { action } = interaction;
        if (action.kind !== 'command' || action.text !== 'history') {
          return inner.handle(interaction, responder);
        }
        const announcement = screen('Disk cleaned on box', {
          sections: [{ text: '12 GB freed.' }],
          visibility: 'channel',
          placement: 'new',
        });
        await responder.show(announcement);
      },
    }),
  });
});

afterAll(() => h?.close());

const labels = (message: StoredMessage | undefined) =>
  components(message).map((c) => String(c.label ?? ''));

describe('deferred at once when interactions queue up', () => {
  it('/jobs new: "thinking…" only the user sees, then the wizard in its place', async () => {
    const { fake } = h;
    const command = fake.slashCommand('jobs', { subcommand: 'new' });
    expect((await command.callback()).body).toMatchObject({ type: 5, data: { flags: 64 } });
    await fake.until(() => titleOf(command.original()).includes('Step 1 of 5'), 10_000, 'wizard');
    expect(command.original()?.ephemeral).toBe(true);
    expect(command.followUps()).toEqual([]);

    const message = command.original()!;
    const click = fake.clickButton(message, idStarting(message, 'w.diff|'));
    expect((await click.callback()).body).toMatchObject({ type: 6 });
    await fake.until(() => labels(message).includes('Difficulty: basic'), 10_000, 'difficulty');
    expect(click.followUps()).toEqual([]);
    expect(fake.violations).toEqual([]);
  });

  it('a button that opens a form is never deferred: the modal is its first answer', async () => {
    const { fake } = h;
    const command = fake.slashCommand('jobs', { subcommand: 'new' });
    await fake.until(() => titleOf(command.original()).includes('Step 1 of 5'), 10_000, 'wizard');
    const message = command.original()!;
    const pick = fake.selectMenu(message, idStarting(message, 'w.item|'), ['many_fields']);
    await pick.callback();
    await fake.until(() => titleOf(message).includes('Step 2 of 5'), 10_000, 'step 2');
    const form = fake.clickButton(message, idStarting(message, 'w.params>'));
    expect((await form.callback()).body).toMatchObject({ type: 9 });
    expect(form.modal()?.title).toBe('Many fields (1/2)');
  });

  it('a screen for the channel, after an ephemeral deferral, is posted for everyone', async () => {
    const { fake } = h;
    const command = fake.slashCommand('jobs', { subcommand: 'history' });
    await fake.until(() => command.followUps().length > 0, 10_000, 'the announcement');
    const [posted] = command.followUps();
    expect(titleOf(posted)).toBe('Disk cleaned on box');
    expect(posted?.ephemeral).toBe(false);
    expect(titleOf(command.original())).toBe('Disk cleaned on box');
    expect(JSON.stringify(command.original()?.data.embeds)).toContain('Posted in the channel.');
    expect(command.original()?.ephemeral).toBe(true);
  });

  it("calls on interaction tokens leave the bot's global request budget untouched", async () => {
    const { fake, platform } = h;
    const rest = platform.client.rest;
    const before = rest.globalRemaining;
    const commands = Array.from({ length: 12 }, () =>
      fake.slashCommand('jobs', { subcommand: 'new' }),
    );
    for (const command of commands) {
      await fake.until(() => titleOf(command.original()).includes('Step 1'), 10_000, 'wizard');
    }
    const edits = fake.calls.filter(
      (c) => c.method === 'PATCH' && commands.some((command) => command.id === c.interactionId),
    );
    expect(edits).toHaveLength(12);
    expect(rest.globalRemaining).toBe(before);
  });
});
