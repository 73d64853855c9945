/** API objects (users, members, channels, guilds, messages) shaped as Discord sends them. */
import type { FakeChannel, JsonObject } from './types.js';

/** Every permission bit Discord defined by 2025, as the decimal string the API uses. */
export const ALL_PERMISSIONS = '2251799813685247';

export const CHANNEL_TEXT = 0;
export const CHANNEL_PUBLIC_THREAD = 11;

export interface FakeUser {
  id: string;
  username: string;
  globalName?: string | null;
  bot?: boolean;
}

export function userObject(user: FakeUser): JsonObject {
  return {
    id: user.id,
    username: user.username,
    global_name: user.globalName ?? null,
    discriminator: '0',
    avatar: null,
    bot: user.bot ?? false,
    system: false,
    public_flags: 0,
    flags: 0,
    banner: null,
    accent_color: null,
    avatar_decoration_data: null,
  };
}

export function memberObject(user: FakeUser, permissions: string = ALL_PERMISSIONS): JsonObject {
  return {
    user: userObject(user),
    nick: null,
    avatar: null,
    banner: null,
    roles: [],
    joined_at: new Date(0).toISOString(),
    premium_since: null,
    deaf: false,
    mute: false,
    pending: false,
    flags: 0,
    communication_disabled_until: null,
    permissions,
  };
}

export function channelObject(channel: FakeChannel): JsonObject {
  const base: JsonObject = {
    id: channel.id,
    type: channel.type,
    guild_id: channel.guildId,
    name: channel.name,
    parent_id: channel.parentId,
    nsfw: false,
    rate_limit_per_user: 0,
    last_message_id: null,
    flags: 0,
  };
  if (channel.type !== CHANNEL_PUBLIC_THREAD) {
    return { ...base, position: 0, permission_overwrites: [], topic: null };
  }
  return {
    ...base,
    owner_id: null,
    message_count: 0,
    member_count: 1,
    total_message_sent: 0,
    thread_metadata: {
      archived: false,
      auto_archive_duration: 1440,
      archive_timestamp: new Date().toISOString(),
      locked: false,
      create_timestamp: new Date().toISOString(),
    },
  };
}

export function guildObject(
  id: string,
  name: string,
  channels: FakeChannel[],
  bot: FakeUser,
): JsonObject {
  return {
    id,
    name,
    icon: null,
    splash: null,
    discovery_splash: null,
    banner: null,
    description: null,
    owner_id: bot.id,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    mfa_level: 0,
    nsfw_level: 0,
    premium_tier: 0,
    premium_progress_bar_enabled: false,
    preferred_locale: 'en-US',
    features: [],
    roles: [everyoneRole(id)],
    emojis: [],
    stickers: [],
    application_id: null,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    public_updates_channel_id: null,
    vanity_url_code: null,
    joined_at: new Date().toISOString(),
    large: false,
    unavailable: false,
    member_count: 1,
    members: [memberObject(bot)],
    channels: channels.map((channel) => channelObject(channel)),
    threads: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}

function everyoneRole(guildId: string): JsonObject {
  return {
    id: guildId,
    name: '@everyone',
    color: 0,
    hoist: false,
    icon: null,
    unicode_emoji: null,
    position: 0,
    permissions: '1071698660929',
    managed: false,
    mentionable: false,
    flags: 0,
  };
}

export interface MessageFields {
  id: string;
  channelId: string;
  guildId: string | null;
  author: FakeUser;
  body: JsonObject;
  webhookId?: string;
  applicationId?: string;
  interactionMetadata?: JsonObject;
}

/** A message object from a create payload; fields the payload left out take Discord's defaults. */
export function messageObject(fields: MessageFields): JsonObject {
  const { body } = fields;
  const message: JsonObject = {
    id: fields.id,
    type: fields.interactionMetadata ? 20 : 0,
    channel_id: fields.channelId,
    author: userObject(fields.author),
    content: typeof body.content === 'string' ? body.content : '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: body.tts === true,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: Array.isArray(body.embeds) ? body.embeds : [],
    components: Array.isArray(body.components) ? body.components : [],
    pinned: false,
    flags: typeof body.flags === 'number' ? body.flags : 0,
  };
  if (fields.guildId) message.guild_id = fields.guildId;
  if (fields.webhookId) message.webhook_id = fields.webhookId;
  if (fields.applicationId) message.application_id = fields.applicationId;
  if (fields.interactionMetadata) message.interaction_metadata = fields.interactionMetadata;
  return message;
}
