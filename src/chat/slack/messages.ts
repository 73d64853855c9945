/** Messages for one interaction: in the channel or a thread, ephemeral, and files in threads. */
import type { ShownRef } from '../../conversation/responder.js';
import type { Screen } from '../../conversation/screen.js';
import type { Logger } from '../../log.js';
import type { SlackApi } from './client.js';
import type { Origin } from './interaction.js';
import { LatestOnly } from './latest.js';
import { renderMessage } from './render.js';
import { uploadAttachment } from './upload.js';

const RESPONSE_URL_USES = 5;
const NOT_POSTABLE = new Set(['not_in_channel', 'channel_not_found', 'is_archived']);

type Thread = { channelId: string; threadId: string };

export function shownRef(id: string, thread?: ShownRef['thread']): ShownRef {
  return thread ? { platform: 'slack', id, thread } : { platform: 'slack', id };
}

export class Messages {
  readonly #api: SlackApi;
  readonly #origin: Origin;
  readonly #logger: Logger;
  readonly #updates = new LatestOnly();
  readonly #uploaded = new Set<string>();
  #responseUses = 0;

  constructor(api: SlackApi, origin: Origin, logger: Logger) {
    this.#api = api;
    this.#origin = origin;
    this.#logger = logger;
  }

  /** Changes a message shown before; live updates never overtake the final one. */
  async update(shown: ShownRef, screen: Screen): Promise<void> {
    const [kind, channel = '', ts = ''] = shown.id.split(':');
    if (kind === 'eph') return void (await this.ephemeral(screen, true));
    await this.#updates.run(shown.id, () =>
      this.#api.update({ channel, ts, ...renderMessage(screen) }),
    );
    if (screen.attachment && shown.thread) await this.#upload(shown.thread, screen);
  }

  /** Only the user sees it: through the response_url while it lasts, else chat.postEphemeral. */
  async ephemeral(screen: Screen, replace: boolean): Promise<ShownRef | undefined> {
    const origin = this.#origin;
    const message = renderMessage(screen);
    const replacing = replace || (screen.placement === 'replace' && !!origin.message?.ephemeral);
    if (origin.responseUrl && this.#responseUses < RESPONSE_URL_USES) {
      this.#responseUses += 1;
      const body = { response_type: 'ephemeral', replace_original: replacing, ...message };
      await this.#api.respond(origin.responseUrl, body);
    } else if (origin.channel && !(replace && screen.tone === 'running')) {
      const thread_ts = origin.message?.thread ?? origin.thread;
      const target = { channel: origin.channel, user: origin.user, thread_ts };
      await this.#api.postEphemeral({ ...target, ...message });
    }
    const parent = this.#threadOfActed();
    if (screen.attachment && origin.channel && parent)
      await this.#upload({ channelId: origin.channel, threadId: parent }, screen);
    return shownRef('eph:');
  }

  /** For the channel: replaces the message acted on, or posts (a thread's first message). */
  async channel(screen: Screen): Promise<ShownRef | undefined> {
    const { channel, message: acted } = this.#origin;
    if (!channel) return this.ephemeral(screen, false);
    const message = renderMessage(screen);
    if (screen.placement === 'replace' && acted && !acted.ephemeral) {
      await this.#api.update({ channel, ts: acted.ts, ...message });
      const threadId = acted.thread ?? acted.ts;
      return shownRef(`msg:${channel}:${acted.ts}`, { channelId: channel, threadId });
    }
    const thread_ts =
      screen.placement === 'thread'
        ? this.#threadOfActed()
        : (acted?.thread ?? this.#origin.thread);
    let ts: string;
    try {
      ({ ts } = await this.#api.postMessage({ channel, thread_ts, ...message }));
    } catch (error) {
      const code = (error as { data?: { error?: string } }).data?.error ?? '';
      if (!NOT_POSTABLE.has(code)) throw error;
      const footer = `I cannot post in this channel (${code}): invite me, or use another channel.`;
      return this.ephemeral({ ...screen, footer }, false);
    }
    const threadId = thread_ts ?? ts;
    const permalink =
      screen.placement === 'thread' ? await this.#permalink(channel, threadId) : undefined;
    if (screen.attachment) await this.#upload({ channelId: channel, threadId }, screen);
    return shownRef(`msg:${channel}:${ts}`, { channelId: channel, threadId, permalink });
  }

  /** The thread of the message acted on, or the one the modal was opened from. */
  #threadOfActed(): string | undefined {
    const { message, thread } = this.#origin;
    return message ? (message.thread ?? message.ts) : thread;
  }

  #permalink(channel: string, ts: string): Promise<string | undefined> {
    return this.#api.permalink(channel, ts).catch(() => undefined);
  }

  /** The full output once per thread and file, however often the screen carrying it shows. */
  async #upload(thread: Thread, screen: Screen): Promise<void> {
    const key = `${thread.threadId}:${screen.attachment?.filename}`;
    if (this.#uploaded.has(key)) return;
    this.#uploaded.add(key);
    await uploadAttachment(this.#api, thread, screen, this.#logger);
  }
}
