/** The fake's settings with their defaults, and the guilds and channels it starts with. */
import type { Settings } from './context.js';
import { snowflake } from './ids.js';
import { CHANNEL_PUBLIC_THREAD, type FakeUser, guildObject } from './objects.js';
import type { FakeState } from './state.js';
import type { FakeDiscordOptions, JsonObject } from './types.js';

export const FAKE_DISCORD_TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMQ.fake.discord-bot-token';

export function settingsFrom(options: FakeDiscordOptions): Settings {
  return {
    token: options.token ?? FAKE_DISCORD_TOKEN,
    heartbeatIntervalMs: options.heartbeatIntervalMs ?? 41_250,
    callbackDeadlineMs: options.callbackDeadlineMs ?? 3000,
    tokenLifetimeMs: options.tokenLifetimeMs ?? 15 * 60 * 1000,
    attachmentSizeLimit: options.attachmentSizeLimit ?? 10 * 1024 * 1024,
    rejectViolations: options.rejectViolations ?? true,
    requireRegisteredCommands: options.requireRegisteredCommands ?? true,
  };
}

export interface SeededGuilds {
  guildId: string;
  channelId: string;
  /** Guilds the gateway lists in READY and sends as GUILD_CREATE. */
  announced: Array<{ id: string; name: string }>;
}

/** Adds the configured guilds (one by default), each with a `general` channel unless told. */
export function seedGuilds(state: FakeState, options: FakeDiscordOptions): SeededGuilds {
  const guilds = options.guilds?.length ? options.guilds : [{ name: 'jobdeck-test' }];
  const announced: SeededGuilds['announced'] = [];
  for (const guild of guilds) {
    const id = guild.id ?? snowflake();
    state.guilds.add(id);
    for (const channel of guild.channels ?? [{ name: 'general' }]) {
      state.addChannel({ id: channel.id, name: channel.name ?? 'general', guildId: id });
    }
    const name = guild.name ?? `guild-${id.slice(-4)}`;
    if (options.announceGuilds !== false) announced.push({ id, name });
  }
  const guildId = [...state.guilds][0] ?? '';
  const channelId = [...state.channels.values()].find((c) => c.guildId === guildId)?.id ?? '';
  return { guildId, channelId, announced };
}

export function guildPayloads(
  state: FakeState,
  announced: SeededGuilds['announced'],
  bot: FakeUser,
): JsonObject[] {
  return announced.map(({ id, name }) => {
    const channels = [...state.channels.values()].filter(
      (c) => c.guildId === id && c.type !== CHANNEL_PUBLIC_THREAD,
    );
    return guildObject(id, name, channels, bot);
  });
}
