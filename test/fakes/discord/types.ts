/** Shapes shared by the fake Discord's REST side, gateway side and test-facing API. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A file received in a multipart request. */
export interface ReceivedFile {
  field: string;
  name: string;
  size: number;
  contentType: string;
  data: Buffer;
}

/** One REST request as the fake received and answered it. */
export interface RecordedCall {
  seq: number;
  method: string;
  /** The path after /api/v10, without the query. */
  path: string;
  /** The matched route template, such as /channels/:channel/messages; '' when none matched. */
  route: string;
  query: Record<string, string>;
  /** Whether the request carried the right `Authorization: Bot <token>` header. */
  authorized: boolean;
  /** The JSON body, or the multipart payload_json; null when there was none. */
  body: JsonObject | Json[] | null;
  files: ReceivedFile[];
  status: number;
  response: Json | undefined;
  /** The interaction whose id or token the path carries. */
  interactionId?: string;
}

/** A payload that breaks one of Discord's limits (shared/PLATFORM-LIMITS.md). */
export interface Violation {
  rule: string;
  detail: string;
  method: string;
  path: string;
}

export interface FakeChannel {
  id: string;
  name: string;
  guildId: string;
  type: number;
  parentId: string | null;
}

export interface MessageEdit {
  at: number;
  body: JsonObject;
}

/** A message the fake holds, with its full API object in `data`. */
export interface StoredMessage {
  id: string;
  channelId: string;
  data: JsonObject;
  ephemeral: boolean;
  deleted: boolean;
  files: ReceivedFile[];
  edits: MessageEdit[];
  interactionId?: string;
}

export interface FakeGuildOptions {
  id?: string;
  name?: string;
  channels?: Array<{ id?: string; name?: string }>;
}

export interface FakeDiscordOptions {
  /** The bot token the fake accepts; a fixed test value by default. */
  token?: string;
  heartbeatIntervalMs?: number;
  /** The bot's guilds; one with a `general` channel by default. */
  guilds?: FakeGuildOptions[];
  /**
   * List the guilds in READY (as unavailable) and send each as GUILD_CREATE, as Discord does for
   * the Guilds intent, so discord.js caches guilds and channels; true by default. With false,
   * READY carries `guilds: []` and the guilds exist for REST and interactions only.
   */
  announceGuilds?: boolean;
  /** Time an interaction may take before its first callback answers 10062; 3000 by default. */
  callbackDeadlineMs?: number;
  /** Lifetime of an interaction token for follow-ups and edits; 15 minutes by default. */
  tokenLifetimeMs?: number;
  /** The interaction's attachment_size_limit in bytes; 10 MiB by default. */
  attachmentSizeLimit?: number;
  /** Answer a payload breaking a limit with 400 50035, as Discord does; true by default. */
  rejectViolations?: boolean;
  /** Refuse command interactions for commands nobody registered; true by default. */
  requireRegisteredCommands?: boolean;
}
