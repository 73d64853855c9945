/** What the fake Discord remembers: channels, messages with their edits, commands, interactions. */
import { snowflake } from './ids.js';
import { CHANNEL_TEXT, type FakeUser, type MessageFields, messageObject } from './objects.js';
import type { FakeChannel, Json, JsonObject, ReceivedFile, StoredMessage } from './types.js';

/** An interaction the fake dispatched, with what the app has answered so far. */
export interface InteractionRecord {
  id: string;
  token: string;
  type: number;
  payload: JsonObject;
  createdAt: number;
  channelId: string;
  guildId: string | null;
  callbackType: number | null;
  /** The message @original stands for; null until a callback made or chose one. */
  originalId: string | null;
  /** A deferred (type 5) reply not yet edited: the next follow-up replaces it. */
  loading: boolean;
  followUpIds: string[];
  /** The modal a type 9 callback showed. */
  modal: JsonObject | null;
  callbackExpired: boolean;
  tokenExpired: boolean;
}

export class FakeState {
  readonly guilds = new Set<string>();
  readonly channels = new Map<string, FakeChannel>();
  readonly messages = new Map<string, StoredMessage>();
  readonly commands = new Map<string, JsonObject[]>();
  readonly interactions = new Map<string, InteractionRecord>();
  readonly byToken = new Map<string, InteractionRecord>();

  constructor(private readonly baseUrl: () => string) {}

  addChannel(channel: Partial<FakeChannel> & { guildId: string }): FakeChannel {
    const id = channel.id ?? snowflake();
    const full: FakeChannel = {
      id,
      name: channel.name ?? `channel-${id.slice(-4)}`,
      guildId: channel.guildId,
      type: channel.type ?? CHANNEL_TEXT,
      parentId: channel.parentId ?? null,
    };
    this.channels.set(id, full);
    return full;
  }

  addInteraction(record: InteractionRecord): void {
    this.interactions.set(record.id, record);
    this.byToken.set(record.token, record);
  }

  channelMessages(channelId: string): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.channelId === channelId && !m.deleted);
  }

  createMessage(
    fields: Omit<MessageFields, 'id' | 'guildId'> & {
      files: ReceivedFile[];
      interactionId?: string;
    },
  ): StoredMessage {
    const id = snowflake();
    const guildId = this.channels.get(fields.channelId)?.guildId ?? null;
    const data = messageObject({ ...fields, id, guildId });
    data.attachments = this.attachments(fields.channelId, fields.body, fields.files, []);
    const ephemeral = ((data.flags as number) & 64) !== 0;
    const message: StoredMessage = {
      id,
      channelId: fields.channelId,
      data,
      ephemeral,
      deleted: false,
      files: [...fields.files],
      edits: [],
      interactionId: fields.interactionId,
    };
    this.messages.set(id, message);
    return message;
  }

  /** Applies an edit as Discord does: fields present replace, `attachments` lists what stays. */
  editMessage(message: StoredMessage, body: JsonObject, files: ReceivedFile[]): void {
    const data = message.data;
    for (const key of ['content', 'embeds', 'components', 'allowed_mentions'] as const) {
      if (key in body) data[key] = body[key] ?? (key === 'content' ? '' : []);
    }
    if (typeof body.flags === 'number') {
      data.flags = ((data.flags as number) & 64) | (body.flags & ~64 & ~128);
    } else {
      data.flags = (data.flags as number) & ~128;
    }
    const kept = Array.isArray(body.attachments)
      ? (data.attachments as JsonObject[]).filter((a) =>
          (body.attachments as JsonObject[]).some((b) => String(b.id) === a.id),
        )
      : (data.attachments as JsonObject[]);
    data.attachments = this.attachments(message.channelId, body, files, kept);
    data.edited_timestamp = new Date().toISOString();
    message.files.push(...files);
    message.edits.push({ at: Date.now(), body });
  }

  private attachments(
    channelId: string,
    body: JsonObject,
    files: ReceivedFile[],
    kept: JsonObject[],
  ): Json[] {
    const described = Array.isArray(body.attachments) ? (body.attachments as JsonObject[]) : [];
    const added = files.map((file, index) => {
      const id = snowflake();
      const meta = described.find((a) => String(a.id) === String(index));
      return {
        id,
        filename: file.name,
        size: file.size,
        content_type: file.contentType,
        description: typeof meta?.description === 'string' ? meta.description : null,
        url: `${this.baseUrl()}/attachments/${channelId}/${id}/${file.name}`,
        proxy_url: `${this.baseUrl()}/attachments/${channelId}/${id}/${file.name}`,
      };
    });
    return [...kept, ...added];
  }
}

export type { FakeUser };
