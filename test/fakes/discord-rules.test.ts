// Discord's rules as the fake enforces them: one callback, deadlines, tokens, payload limits.
import { DiscordAPIError, Routes } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMessage } from './discord/limits-message.js';
import { checkCommands, checkModal } from './discord/limits-other.js';
import type { JsonObject } from './discord/types.js';
import {
  type ConnectedClient,
  connectClient,
  type FakeDiscord,
  startFakeDiscord,
} from './discord.js';

let fake: FakeDiscord;
let bot: ConnectedClient;

async function command(item: string) {
  const handle = fake.slashCommand('jobs', { options: { item } });
  const interaction = await bot.nextInteraction();
  if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
  return { handle, interaction };
}

const rules = (problems: Array<{ rule: string }>) => problems.map((p) => p.rule);
const button = (id: string): JsonObject => ({ type: 2, style: 1, label: 'Go', custom_id: id });
const row = (...components: JsonObject[]): JsonObject => ({ type: 1, components });

beforeAll(async () => {
  fake = await startFakeDiscord();
  bot = await connectClient(fake);
  await bot.client.application.commands.set([
    {
      name: 'jobs',
      description: 'Run jobs',
      options: [{ type: 3, name: 'item', description: 'x' }],
    },
  ]);
});

afterAll(async () => {
  await bot?.destroy();
  await fake?.close();
});

describe('fake Discord rules', () => {
  it('answers a second callback with 40060 and an unknown token with 10062', async () => {
    const { interaction } = await command('once');
    await interaction.reply('first');
    const post = (token: string) =>
      bot.client.rest.post(Routes.interactionCallback(interaction.id, token), {
        body: { type: 4, data: { content: 'again' } },
        auth: false,
      });
    await expect(post('wrong')).rejects.toMatchObject({ code: 10062, status: 404 });
    await expect(post(interaction.token)).rejects.toMatchObject({ code: 40060, status: 400 });
  });

  it('refuses a payload over the limits with 50035 and records the violation', async () => {
    const { handle, interaction } = await command('big');
    const error = await interaction.reply('x'.repeat(2001)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ code: 50035 });
    expect(fake.violations).toContainEqual(expect.objectContaining({ rule: 'content' }));
    expect(handle.original()).toBeUndefined();
  });

  it('answers 10062 after the callback window and 50027 after the token expires', async () => {
    const late = await command('slow');
    late.handle.expire('callback');
    await expect(late.interaction.reply('late')).rejects.toMatchObject({ code: 10062 });

    const stale = await command('long');
    await stale.interaction.deferReply();
    stale.handle.expire('token');
    await expect(stale.interaction.editReply('too late')).rejects.toMatchObject({ code: 50027 });
  });

  it('refuses to dispatch what Discord would not send', () => {
    expect(() => fake.slashCommand('deploy')).toThrow(/not registered/);
    expect(() => fake.slashCommand('jobs', { options: { nope: 'x' } })).toThrow(/no option/);
  });

  it('finds the limits a message breaks', () => {
    const sixRows = Array.from({ length: 6 }, (_, i) => row(button(`b${i}`)));
    const sixButtons = row(...Array.from({ length: 6 }, (_, i) => button(`c${i}`)));
    const options = Array.from({ length: 26 }, (_, i) => ({ label: `o${i}`, value: `o${i}` }));
    const embed = { title: 't', description: 'd'.repeat(4000) };
    expect(rules(checkMessage({ components: sixRows }))).toContain('components.rows');
    expect(rules(checkMessage({ components: [sixButtons] }))).toContain('components[0].buttons');
    expect(rules(checkMessage({ components: [row(button('x'.repeat(101)))] }))).toContain(
      'message.custom_id',
    );
    const select = { type: 3, custom_id: 's', options };
    expect(rules(checkMessage({ components: [row(select)] }))).toContain(
      'components[0][0].options',
    );
    expect(rules(checkMessage({ embeds: [embed, embed] }))).toContain('embeds.total');
    expect(checkMessage({ content: 'fine', components: [row(button('ok'))] })).toEqual([]);
  });

  it('finds the limits a modal and a command registration break', () => {
    const input = (id: string) => ({ type: 4, custom_id: id, style: 1 });
    const label = (id: string) => ({ type: 18, label: 'Field', component: input(id) });
    const six = Array.from({ length: 6 }, (_, i) => label(`f${i}`));
    expect(rules(checkModal({ custom_id: 'm', title: 'x'.repeat(46), components: six }))).toEqual(
      expect.arrayContaining(['modal.title', 'modal.components']),
    );
    expect(checkModal({ custom_id: 'm', title: 'Form', components: [label('a')] })).toEqual([]);
    expect(rules(checkCommands([{ name: 'Jobs', description: 'x' }]))).toContain(
      'commands[0].name',
    );
  });
});
