/** How the fake ntfy turns an accepted publish into the message it stores and answers. */
import { randomBytes } from 'node:crypto';
import type { NtfyAction } from './ntfy-parse.js';
import { NtfyRefusal } from './ntfy-parse.js';

export interface StoreOptions {
  messageLimit?: number | undefined;
  attachments?: boolean | undefined;
  attachmentLimit?: number | undefined;
}

export interface Publish {
  topic: string;
  body: Buffer;
  message: string | undefined;
  title: string | undefined;
  priority: number | undefined;
  tags: string[] | undefined;
  click: string | undefined;
  icon: string | undefined;
  actions: NtfyAction[] | undefined;
  markdown: boolean;
  filename: string | undefined;
}

export interface StoredMessage {
  id: string;
  time: number;
  expires: number;
  event: 'message';
  topic: string;
  message: string;
  title?: string;
  priority?: number;
  tags?: string[];
  click?: string;
  icon?: string;
  actions?: NtfyAction[];
  content_type?: 'text/markdown';
  attachment?: { name: string; type: string; size: number; expires: number; url: string };
}

export function storeMessage(options: StoreOptions, baseUrl: string, p: Publish): StoredMessage {
  const time = Math.floor(Date.now() / 1000);
  const stored: StoredMessage = {
    id: randomBytes(9).toString('base64url').slice(0, 12),
    time,
    expires: time + 43_200,
    event: 'message',
    topic: p.topic,
    message: '',
  };
  const text = p.body.toString('utf8');
  const valid = Buffer.from(text, 'utf8').equals(p.body);
  const tooLong = p.body.length > (options.messageLimit ?? 4096);
  if (p.filename !== undefined || tooLong || !valid) {
    stored.attachment = attach(options, baseUrl, p.body, p.filename ?? 'attachment.txt', time);
    stored.message = p.message || `You received a file: ${stored.attachment.name}`;
  } else stored.message = text.trim() || p.message || 'triggered';
  if (p.title) stored.title = p.title;
  if (p.priority !== undefined) stored.priority = p.priority;
  if (p.tags) stored.tags = p.tags;
  if (p.click) stored.click = p.click;
  if (p.icon) stored.icon = p.icon;
  if (p.actions) stored.actions = p.actions;
  if (p.markdown) stored.content_type = 'text/markdown';
  return stored;
}

function attach(
  options: StoreOptions,
  baseUrl: string,
  body: Buffer,
  name: string,
  time: number,
): NonNullable<StoredMessage['attachment']> {
  if (!options.attachments) {
    throw new NtfyRefusal(400, 40014, 'invalid request: attachments not allowed');
  }
  if (body.length > (options.attachmentLimit ?? 15 * 1024 * 1024)) {
    throw new NtfyRefusal(413, 41301, 'attachment too large, or bandwidth limit reached');
  }
  const url = `${baseUrl}/file/${randomBytes(6).toString('hex')}.txt`;
  return {
    name,
    type: 'text/plain; charset=utf-8',
    size: body.length,
    expires: time + 10_800,
    url,
  };
}
