// The fake Discord's interactions, driven through the real discord.js client.
import {
  ActionRowBuilder,
  ButtonBuilder,
  ButtonStyle,
  LabelBuilder,
  MessageFlags,
  ModalBuilder,
  StringSelectMenuBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConnectedClient,
  connectClient,
  type FakeDiscord,
  startFakeDiscord,
} from './discord.js';

let fake: FakeDiscord;
let bot: ConnectedClient;

const COMMANDS = [
  {
    name: 'jobs',
    description: 'Run jobs',
    options: [
      {
        type: 1,
        name: 'run',
        description: 'Run an item',
        options: [
          { type: 3, name: 'item', description: 'Item', required: true, autocomplete: true },
          { type: 4, name: 'retries', description: 'Retries' },
        ],
      },
    ],
  },
];

function openButton(): ActionRowBuilder<ButtonBuilder> {
  const button = new ButtonBuilder().setCustomId('open-form').setLabel('Fill in');
  return new ActionRowBuilder<ButtonBuilder>().addComponents(button.setStyle(ButtonStyle.Primary));
}

async function reply(content: string) {
  const handle = fake.slashCommand('jobs', { subcommand: 'run', options: { item: 'disk' } });
  const interaction = await bot.nextInteraction();
  if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
  await interaction.reply({ content, components: [openButton()] });
  return { handle, interaction };
}

beforeAll(async () => {
  fake = await startFakeDiscord();
  bot = await connectClient(fake);
  await bot.client.application.commands.set(COMMANDS, fake.guildId);
});

afterAll(async () => {
  await bot?.destroy();
  await fake?.close();
});

describe('fake Discord interactions through discord.js', () => {
  it('stores registered commands and keeps their ids on overwrite', async () => {
    const first = fake.commands(fake.guildId)[0]?.id;
    await bot.client.application.commands.set(COMMANDS, fake.guildId);
    expect(fake.commands(fake.guildId).map((c) => c.name)).toEqual(['jobs']);
    expect(fake.commands(fake.guildId)[0]?.id).toBe(first);
    const fetched = await bot.client.application.commands.fetch({ guildId: fake.guildId });
    expect(fetched.map((c) => c.name)).toEqual(['jobs']);
  });

  it('delivers a slash command and records the reply with its components', async () => {
    const { handle, interaction } = await reply('Running disk');
    expect(interaction.isChatInputCommand() && interaction.options.getSubcommand()).toBe('run');
    expect(interaction.isChatInputCommand() && interaction.options.getString('item')).toBe('disk');
    const call = await handle.callback();
    expect(call.body).toMatchObject({ type: 4, data: { content: 'Running disk' } });
    expect(call.authorized).toBe(false);
    expect(handle.original()?.data.components).toMatchObject([
      { type: 1, components: [{ custom_id: 'open-form' }] },
    ]);
    expect(fake.messages().some((m) => m.id === handle.original()?.id)).toBe(true);
  });

  it('records a deferred reply, its edit and a follow-up with a file', async () => {
    const handle = fake.slashCommand('jobs', { subcommand: 'run', options: { item: 'logs' } });
    const interaction = await bot.nextInteraction();
    if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await interaction.editReply('Done');
    const log = { attachment: Buffer.alloc(3000, 'a'), name: 'output.txt' };
    const sent = await interaction.followUp({ content: 'Full log', files: [log] });
    await interaction.editReply({ message: sent, content: 'Full log, kept' });
    expect((await handle.callback()).body).toMatchObject({ type: 5, data: { flags: 64 } });
    expect(handle.original()).toMatchObject({ ephemeral: true, data: { content: 'Done' } });
    const followUp = await handle.followUp(0);
    expect(followUp.files.map((f) => [f.name, f.size])).toEqual([['output.txt', 3000]]);
    expect(handle.followUps()[0]?.data).toMatchObject({
      content: 'Full log, kept',
      attachments: [{ filename: 'output.txt', size: 3000 }],
    });
  });

  it('turns the first follow-up after a deferral into the deferred message', async () => {
    const handle = fake.slashCommand('jobs', { subcommand: 'run', options: { item: 'x' } });
    const interaction = await bot.nextInteraction();
    if (!interaction.isChatInputCommand()) throw new Error('expected a slash command');
    await interaction.deferReply();
    const message = await interaction.followUp('Finished');
    expect(message.id).toBe(handle.original()?.id);
    expect(handle.followUps()).toEqual([]);
  });

  it('answers autocomplete with the choices the app gives', async () => {
    const handle = fake.autocomplete('jobs', 'item', {
      subcommand: 'run',
      options: { item: 'di' },
    });
    const interaction = await bot.nextInteraction();
    if (!interaction.isAutocomplete()) throw new Error('expected autocomplete');
    expect(interaction.options.getFocused()).toBe('di');
    await interaction.respond([{ name: 'disk-usage', value: 'disk-usage' }]);
    expect((await handle.callback()).body).toMatchObject({
      type: 8,
      data: { choices: [{ name: 'disk-usage', value: 'disk-usage' }] },
    });
  });

  it('shows a modal from a button and parses Label-wrapped inputs and selects', async () => {
    const { handle } = await reply('Pick');
    const click = fake.clickButton(handle.original()!, 'open-form');
    const button = await bot.nextInteraction();
    if (!button.isButton()) throw new Error('expected a button');
    const services = new StringSelectMenuBuilder()
      .setCustomId('services')
      .setMinValues(1)
      .setMaxValues(2)
      .addOptions({ label: 'nginx', value: 'nginx' }, { label: 'redis', value: 'redis' });
    const host = new TextInputBuilder().setCustomId('host').setStyle(TextInputStyle.Short);
    const note = new TextInputBuilder()
      .setCustomId('note')
      .setLabel('Note')
      .setStyle(TextInputStyle.Paragraph)
      .setRequired(false);
    const modal = new ModalBuilder()
      .setCustomId('form:1')
      .setTitle('Run disk')
      .addLabelComponents(
        new LabelBuilder().setLabel('Host').setTextInputComponent(host),
        new LabelBuilder().setLabel('Services').setStringSelectMenuComponent(services),
      )
      .addActionRowComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(note));
    await button.showModal(modal);
    expect((await click.callback()).body).toMatchObject({ type: 9, data: { title: 'Run disk' } });

    fake.submitModal(click, { host: 'web1', services: ['nginx', 'redis'] });
    const submit = await bot.nextInteraction();
    if (!submit.isModalSubmit()) throw new Error('expected a modal submission');
    expect(submit.customId).toBe('form:1');
    expect(submit.fields.getTextInputValue('host')).toBe('web1');
    expect(submit.fields.getStringSelectValues('services')).toEqual(['nginx', 'redis']);
    expect(submit.fields.getTextInputValue('note')).toBe('');
    expect(submit.isFromMessage() && submit.message.id).toBe(handle.original()?.id);
    await submit.reply({ content: 'Queued', flags: MessageFlags.Ephemeral });
  });

  it('updates the message a select was on, and answers with_response', async () => {
    const handle = fake.slashCommand('jobs', { subcommand: 'run', options: { item: 'pick' } });
    const command = await bot.nextInteraction();
    if (!command.isChatInputCommand()) throw new Error('expected a slash command');
    const select = new StringSelectMenuBuilder()
      .setCustomId('server')
      .addOptions({ label: 'web1', value: 'web1' }, { label: 'db1', value: 'db1' });
    const row = new ActionRowBuilder<StringSelectMenuBuilder>().addComponents(select);
    const sent = await command.reply({ content: 'Server?', components: [row], withResponse: true });
    expect(sent.resource?.message?.id).toBe(handle.original()?.id);

    const choice = fake.selectMenu(handle.original()!, 'server', ['db1']);
    const chosen = await bot.nextInteraction();
    if (!chosen.isStringSelectMenu()) throw new Error('expected a select');
    expect(chosen.values).toEqual(['db1']);
    expect(chosen.message.id).toBe(handle.original()?.id);
    await chosen.update({ content: 'Server: db1', components: [] });
    expect((await choice.callback()).body).toMatchObject({ type: 7 });
    expect(handle.original()?.data).toMatchObject({ content: 'Server: db1', components: [] });
    expect((await chosen.fetchReply()).content).toBe('Server: db1');
    await chosen.deleteReply();
    expect(handle.original()?.deleted).toBe(true);
  });
});
