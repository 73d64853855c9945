/** A whole jobdeck with its Discord adapter logged in to the fake Discord; helpers to read it. */
import { DiscordPlatform } from '../../../src/chat/discord/adapter.js';
import type { ReplyOptions } from '../../../src/chat/discord/reply.js';
import type { ConversationLike } from '../../../src/chat/discord/router.js';
import { silentLogger } from '../../../src/log.js';
import { flatten, objects } from '../../fakes/discord/limits-message.js';
import {
  type FakeDiscord,
  type FakeDiscordOptions,
  type JsonObject,
  type StoredMessage,
  startFakeDiscord,
} from '../../fakes/discord.js';
import { makeTestApp, type TestApp } from '../../support/app.js';
import { testCatalogDir } from './catalog.js';

export interface Harness {
  fake: FakeDiscord;
  t: TestApp;
  platform: DiscordPlatform;
  /** A second adapter on the same database and fake, as after a restart. */
  restart(): Promise<DiscordPlatform>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  fake?: FakeDiscordOptions;
  /** Extra configuration; a function gets the fake, for its channel ids. */
  config?: Record<string, unknown> | ((fake: FakeDiscord) => Record<string, unknown>);
  reply?: ReplyOptions;
  /** Stands between the adapter and the conversation (to slow it down, say). */
  conversation?: (inner: ConversationLike, fake: FakeDiscord) => ConversationLike;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const fake = await startFakeDiscord(options.fake);
  const t = await makeTestApp({
    config: {
      catalog_dirs: [testCatalogDir()],
      discord: { api_url: fake.apiUrl, guild_ids: [fake.guildId] },
      ...(typeof options.config === 'function' ? options.config(fake) : options.config),
    },
  });
  const platforms: DiscordPlatform[] = [];
  const start = async () => {
    const platform = new DiscordPlatform({
      app: t.app,
      conversation: options.conversation?.(t.conversation, fake) ?? t.conversation,
      logger: silentLogger(),
      token: fake.token,
      config: t.app.config.discord,
      reply: options.reply,
    });
    platforms.push(platform);
    await platform.start();
    return platform;
  };
  const platform = await start();
  return {
    fake,
    t,
    platform,
    async restart() {
      await platform.stop();
      return start();
    },
    async close() {
      for (const p of platforms) await p.stop();
      await t.close();
      await fake.close();
    },
  };
}

/** Every component of a message or modal, nested ones included. */
export function components(message: StoredMessage | JsonObject | null | undefined): JsonObject[] {
  if (!message) return [];
  const data =
    'data' in message && 'channelId' in message ? (message as StoredMessage).data : message;
  return flatten(objects((data as JsonObject).components));
}

/** The custom id of the first component whose id starts with `prefix`. */
export function idStarting(message: StoredMessage | JsonObject | null | undefined, prefix: string) {
  const found = components(message).find((c) => String(c.custom_id ?? '').startsWith(prefix));
  if (!found) {
    const ids = components(message).map((c) => c.custom_id);
    throw new Error(`no component starting "${prefix}"; ids: ${ids.join(', ')}`);
  }
  return String(found.custom_id);
}

export function embedOf(message: StoredMessage | undefined): JsonObject {
  return (objects(message?.data.embeds)[0] ?? {}) as JsonObject;
}

export function titleOf(message: StoredMessage | undefined): string {
  return String(embedOf(message).title ?? '');
}

export function textOf(message: StoredMessage | undefined): string {
  const embed = embedOf(message);
  const fields = objects(embed.fields).map((f) => `${f.name}: ${f.value}`);
  return [embed.title, embed.description, ...fields].filter(Boolean).join('\n');
}

/** The newest message in a channel or thread whose title matches. */
export function lastTitled(fake: FakeDiscord, channelId: string, pattern: RegExp) {
  return fake
    .messages(channelId)
    .filter((m) => pattern.test(titleOf(m)))
    .at(-1);
}
