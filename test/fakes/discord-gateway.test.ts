// The fake Discord's gateway and bot-token REST routes, driven through the real discord.js client.
import { ChannelType, Client, GatewayIntentBits, type TextChannel } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ConnectedClient,
  connectClient,
  type FakeDiscord,
  startFakeDiscord,
} from './discord.js';

let fake: FakeDiscord;
let bot: ConnectedClient;

function general(): TextChannel {
  const channel = bot.client.channels.cache.get(fake.channelId);
  if (channel?.type !== ChannelType.GuildText)
    throw new Error('general is not a cached text channel');
  return channel;
}

async function commandArrives(item: string): Promise<void> {
  fake.slashCommand('jobs', { options: { item } });
  const interaction = await bot.nextInteraction();
  expect(interaction.isChatInputCommand() && interaction.options.getString('item')).toBe(item);
}

beforeAll(async () => {
  fake = await startFakeDiscord({
    heartbeatIntervalMs: 200,
    guilds: [{ name: 'ops', channels: [{ name: 'general' }, { name: 'alerts' }] }],
  });
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

describe('fake Discord gateway and REST through discord.js', () => {
  it('becomes ready from /gateway/bot, IDENTIFY and READY, without compression', async () => {
    expect(bot.client.user.id).toBe(fake.bot.id);
    expect(bot.client.application.id).toBe(fake.applicationId);
    expect(bot.client.guilds.cache.get(fake.guildId)?.name).toBe('ops');
    expect(bot.client.guilds.cache.get(fake.guildId)?.channels.cache.size).toBe(2);
    expect(fake.gateway.urls[0]).toBe('/gateway?v=10&encoding=json');
    expect(fake.gateway.received.find((f) => f.op === 2)).toMatchObject({
      d: { token: fake.token, intents: GatewayIntentBits.Guilds, compress: false },
    });
    const gatewayBot = await fake.waitFor((c) => c.path === '/gateway/bot');
    expect(gatewayBot).toMatchObject({ status: 200, authorized: true });
  });

  it('acknowledges heartbeats', async () => {
    await fake.until(() => bot.client.ws.ping >= 0, 5000, 'a heartbeat acknowledgement');
    expect(fake.gateway.heartbeats).toBeGreaterThan(0);
  });

  it('posts, edits and threads channel messages', async () => {
    const message = await general().send('Run 42 started');
    await message.edit('Run 42 finished');
    const thread = await message.startThread({ name: 'run 42', autoArchiveDuration: 1440 });
    await thread.send({
      content: 'tail',
      files: [{ attachment: Buffer.from('ok\n'), name: 'a.log' }],
    });
    expect(thread.id).toBe(message.id);
    expect(fake.message(message.id)?.data.content).toBe('Run 42 finished');
    expect(fake.message(message.id)?.edits).toHaveLength(1);
    expect(fake.threads(fake.channelId).map((t) => t.name)).toEqual(['run 42']);
    expect(fake.messages(thread.id).map((m) => m.files.map((f) => f.name))).toEqual([['a.log']]);
    await expect(message.startThread({ name: 'again' })).rejects.toMatchObject({ code: 160004 });
  });

  it('answers 429 with Retry-After, and discord.js completes the call after it', async () => {
    fake.rateLimit('POST /channels/:channel/messages', 1, 0.2);
    const message = await general().send('after the limit');
    const path = `/channels/${fake.channelId}/messages`;
    const statuses = fake.calls.filter((c) => c.path === path).map((c) => c.status);
    expect(statuses.slice(-2)).toEqual([429, 200]);
    expect(fake.message(message.id)?.data.content).toBe('after the limit');
  });

  it('resumes after a dropped connection and replays what was dispatched meanwhile', async () => {
    fake.dropConnection();
    await commandArrives('during-drop');
    await fake.until(() => fake.gateway.resumes === 1, 10_000, 'a RESUME');
    expect(fake.gateway.identifies).toBe(1);
    expect(fake.gateway.replayed).toBe(1);
    await commandArrives('after-drop');
  });

  it('resumes when asked to reconnect', async () => {
    fake.requestReconnect();
    await fake.until(() => fake.gateway.resumes === 2, 10_000, 'a second RESUME');
    await commandArrives('after-reconnect');
    expect(fake.gateway.identifies).toBe(1);
  });

  it('identifies again after a session it cannot resume', async () => {
    fake.invalidateSession(false);
    await fake.until(() => fake.gateway.identifies === 2, 10_000, 'a new IDENTIFY');
    await commandArrives('after-invalid-session');
  });

  it('sends READY with no guilds when told not to announce them', async () => {
    const quiet = await startFakeDiscord({ announceGuilds: false });
    const other = await connectClient(quiet);
    const cached = other.client.guilds.cache.size;
    await other.destroy();
    await quiet.close();
    expect(cached).toBe(0);
  });

  it('refuses a wrong bot token with 401', async () => {
    const client = new Client({ intents: [], rest: { api: fake.apiUrl } });
    await expect(client.login('not-the-token')).rejects.toMatchObject({ code: 'TokenInvalid' });
    await client.destroy();
    const refused = fake.calls.filter((c) => c.path === '/gateway/bot' && !c.authorized);
    expect(refused.map((c) => c.status)).toEqual([401]);
  });
});
