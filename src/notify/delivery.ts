/** Delivery channels by name: ntfy built in, chat platforms plugged in as their adapters start. */
import type { ChannelConfig } from '../config/schema.js';
import { DeliveryError } from './delivery-error.js';
import type { NotificationMessage } from './message.js';
import { fitNtfyMessage, type NtfyOptions, publishNtfy } from './ntfy.js';

export { DeliveryError };

export interface DeliveryAnswer {
  /** The message id the server gave, when it gives one. */
  id?: string | undefined;
  permalink?: string | undefined;
  /** The server's whole answer, for `notify test`. */
  raw?: unknown;
}

export interface ChatTarget {
  platform: string;
  channel: string;
  runId: number | null;
}

/** What a chat adapter registers to receive notifications for runs without a thread. */
export interface ChatDelivery {
  post(target: ChatTarget, message: NotificationMessage): Promise<{ permalink?: string }>;
}

export type DeliveryOptions = Omit<NtfyOptions, 'runId'>;

export class Deliveries {
  readonly #channels: ReadonlyMap<string, ChannelConfig>;
  readonly #chats = new Map<string, ChatDelivery>();
  readonly #options: DeliveryOptions;

  constructor(channels: readonly ChannelConfig[], options: DeliveryOptions = {}) {
    this.#channels = new Map(channels.map((c) => [c.name, Object.freeze({ ...c })]));
    this.#options = Object.freeze({ ...options });
  }

  /** Plugs in a chat platform (slack, discord) for channels of type `chat`. */
  registerChat(platform: string, chat: ChatDelivery): () => void {
    this.#chats.set(platform, chat);
    return () => {
      if (this.#chats.get(platform) === chat) this.#chats.delete(platform);
    };
  }

  names(): string[] {
    return [...this.#channels.keys()];
  }

  channel(name: string): ChannelConfig | undefined {
    return this.#channels.get(name);
  }

  /**
   * Chat channels speak only for runs that have no thread: a thread already has the result.
   * An unknown name is kept, so a configuration fixed within the outbox's max age delivers it.
   */
  wants(name: string, runHasThread: boolean): boolean {
    return !(this.#channels.get(name)?.type === 'chat' && runHasThread);
  }

  /** The message as this channel will carry it; what the outbox records. */
  prepare(name: string, message: NotificationMessage): NotificationMessage {
    const channel = this.#channels.get(name);
    return channel?.type === 'ntfy' ? fitNtfyMessage(message, channel) : message;
  }

  async send(
    name: string,
    message: NotificationMessage,
    runId: number | null,
  ): Promise<DeliveryAnswer> {
    const channel = this.#channels.get(name);
    if (!channel) {
      throw new DeliveryError(`notification channel "${name}" is not configured`, {
        retryable: true,
      });
    }
    if (channel.type === 'ntfy') return publishNtfy(channel, message, { ...this.#options, runId });
    return this.#sendChat(channel, message, runId);
  }

  async #sendChat(
    channel: ChannelConfig,
    message: NotificationMessage,
    runId: number | null,
  ): Promise<DeliveryAnswer> {
    const platform = channel.platform ?? '';
    const chat = this.#chats.get(platform);
    if (!chat || !channel.channel) {
      const why = channel.channel ? `${platform || 'its platform'} is not connected` : 'no channel';
      throw new DeliveryError(`chat channel "${channel.name}": ${why}`, { retryable: true });
    }
    const answer = await chat.post({ platform, channel: channel.channel, runId }, message);
    return { permalink: answer.permalink };
  }
}
