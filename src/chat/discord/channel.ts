/** Channel messages with the bot token: posts, edits, threads, and files within the size limit. */
import { Routes } from 'discord.js';
import { cap } from '../../conversation/limits.js';
import type { Attachment } from '../../conversation/screen.js';
import type { DiscordRest, MessageBody, Outgoing, RawMessage } from './types.js';

/** Discord's default per-file limit when the interaction does not say. */
export const DEFAULT_ATTACHMENT_LIMIT = 10 * 1024 * 1024;
const REQUEST_LIMIT = 25 * 1024 * 1024;
/** Room for the cut marker and for characters a cut in the middle turns into U+FFFD. */
const MARGIN = 256;
const ARCHIVE_MINUTES = 1440;

/** The attachment as a file no larger than `limit` bytes, keeping the end of long output. */
export function attachmentFile(attachment: Attachment, limit = DEFAULT_ATTACHMENT_LIMIT) {
  const max = Math.min(limit, REQUEST_LIMIT) - MARGIN;
  let data = Buffer.from(attachment.content, 'utf8');
  if (data.length > max) {
    const dropped = data.length - max;
    const kept = data.subarray(dropped).toString('utf8');
    data = Buffer.from(`[… first ${dropped} bytes not included]\n${kept}`, 'utf8');
  }
  return { name: attachment.filename, data };
}

/** A body with its attachment as a file, described in `attachments` as Discord wants. */
export function withAttachment(
  body: MessageBody,
  attachment: Attachment | undefined,
  limit?: number,
): Outgoing {
  if (!attachment) return { body, files: [] };
  const file = attachmentFile(attachment, limit);
  return { body: { ...body, attachments: [{ id: 0, filename: file.name }] }, files: [file] };
}

export function channelLink(guildId: string | undefined, channelId: string, messageId?: string) {
  const tail = messageId ? `/${messageId}` : '';
  return `https://discord.com/channels/${guildId ?? '@me'}/${channelId}${tail}`;
}

export class ChannelMessages {
  constructor(private readonly rest: DiscordRest) {}

  async post(channelId: string, out: Outgoing): Promise<RawMessage> {
    const { flags: _flags, ...body } = out.body;
    return (await this.rest.post(Routes.channelMessages(channelId), {
      body,
      files: out.files.length > 0 ? out.files : undefined,
    })) as RawMessage;
  }

  async edit(channelId: string, messageId: string, out: Outgoing): Promise<void> {
    const { flags: _flags, ...body } = out.body;
    await this.rest.patch(Routes.channelMessage(channelId, messageId), {
      body,
      files: out.files.length > 0 ? out.files : undefined,
    });
  }

  /** Starts a public thread from a message; the thread's id is the message's id. */
  async startThread(channelId: string, messageId: string, name: string): Promise<string> {
    const thread = (await this.rest.post(Routes.threads(channelId, messageId), {
      body: { name: cap(name.trim() || 'jobdeck', 100), auto_archive_duration: ARCHIVE_MINUTES },
    })) as { id: string };
    return thread.id;
  }
}
