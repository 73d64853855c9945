/** The fake Discord (REST and gateway) that the real discord.js talks to in tests. */
export { type ConnectedClient, connectClient } from './discord/client.js';
export type { CommandInput, OptionValue } from './discord/command-data.js';
export type { Actor } from './discord/dispatcher.js';
export { FakeDiscord, startFakeDiscord } from './discord/fake.js';
export type { GatewayStats } from './discord/gateway.js';
export { InteractionHandle } from './discord/handle.js';
export { snowflake } from './discord/ids.js';
export type { FakeUser } from './discord/objects.js';
export type { RoutePattern } from './discord/ratelimit.js';
export { FAKE_DISCORD_TOKEN } from './discord/setup.js';
export type {
  FakeChannel,
  FakeDiscordOptions,
  Json,
  JsonObject,
  ReceivedFile,
  RecordedCall,
  StoredMessage,
  Violation,
} from './discord/types.js';
export type { ModalValues } from './discord/ui-data.js';
