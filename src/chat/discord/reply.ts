/**
 * Answering one interaction under Discord's rules: one callback within 3 s (deferred when the
 * work is slow), then edits and follow-ups while the token lives, one call at a time.
 */
import { Routes } from 'discord.js';
import type { Logger } from '../../log.js';
import {
  CALLBACK,
  type DiscordRest,
  EPHEMERAL,
  type MessageBody,
  type Outgoing,
  type RawInteraction,
  type RawMessage,
} from './types.js';

/** Defer when nothing was answered by then: Discord refuses a first answer after 3 s. */
export const ACK_AFTER_MS = 2000;
/**
 * With this many interactions still unanswered, the next is deferred at once: a burst queues
 * on one event loop at one to two milliseconds each. A command's user sees nothing until the
 * first answer, so commands are deferred early. A button's answer is the message it changes,
 * which a deferral only delays (one more call), so buttons are deferred only when the queue
 * grows long enough to matter.
 */
export const DEFER_WHEN_WAITING = { commands: 4, components: 64 };
/** Use the token a little less than its 15 minutes. */
export const TOKEN_MS = 14 * 60 * 1000;
const TOKEN_GONE = new Set([10015, 50027, 10062]);

export type AckState = 'none' | 'deferred' | 'answered' | 'modal';

export interface ReplyOptions {
  ackAfterMs?: number;
  /** Interactions waiting for their first answer past which a new one is deferred at once. */
  deferWhenWaiting?: { commands: number; components: number };
  /**
   * REST for calls on the interaction's token (callback, edits, follow-ups): Discord does not
   * count them against the bot's global limit, so they are kept out of the client's counter.
   */
  tokenRest?: DiscordRest;
  now?: () => number;
}

export function isTokenGone(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' && TOKEN_GONE.has(code);
}

/** An interaction token is a credential for 15 minutes: keep it out of errors that get logged. */
export function hideToken<T>(error: T, token: string): T {
  if (!(error instanceof Error) || !token) return error;
  error.message = error.message.replaceAll(token, '[token]');
  const withUrl = error as { url?: unknown };
  if (typeof withUrl.url === 'string') withUrl.url = withUrl.url.replaceAll(token, '[token]');
  return error;
}

/** Only a message others see can be edited later by its id; an ephemeral one needs no answer. */
function wantsMessage(type: number, data: unknown): boolean {
  const flags = (data as { flags?: number } | undefined)?.flags ?? 0;
  return type === CALLBACK.message && (flags & EPHEMERAL) === 0;
}

function withFiles(out: Outgoing | MessageBody) {
  return 'body' in out ? out : { body: out, files: [] };
}

export class InteractionReply {
  state: AckState = 'none';
  /** What `@original` is now: whether only the user sees it, and whether it is still loading. */
  original: { ephemeral: boolean; loading: boolean } | undefined;
  /** Lines this reply's note lists (runs started), kept to edit the note as more start. */
  readonly notes: string[] = [];
  readonly receivedAt: number;
  /** Settles once Discord has the first answer (a deferral counts). */
  readonly answered: Promise<void>;
  #markAnswered: () => void = () => undefined;
  #queue: Promise<unknown> = Promise.resolve();
  #timer: NodeJS.Timeout | undefined;
  #tokenGone = false;
  readonly #now: () => number;
  readonly #tokenRest: DiscordRest;

  constructor(
    readonly raw: RawInteraction,
    readonly rest: DiscordRest,
    readonly logger: Logger,
    readonly options: ReplyOptions = {},
  ) {
    this.#now = options.now ?? Date.now;
    this.#tokenRest = options.tokenRest ?? rest;
    this.receivedAt = this.#now();
    this.answered = new Promise((resolve) => {
      this.#markAnswered = resolve;
    });
  }

  /** Runs tasks one after another, so a deferral never races an answer. */
  serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  startTimer(): void {
    const after = this.options.ackAfterMs ?? ACK_AFTER_MS;
    this.#timer = setTimeout(() => {
      void this.serial(() => this.defer()).catch((error) =>
        this.logger.warn({ err: error, id: this.raw.id }, 'could not defer the interaction'),
      );
    }, after);
  }

  stopTimer(): void {
    clearTimeout(this.#timer);
  }

  tokenAlive(): boolean {
    return !this.#tokenGone && this.#now() - this.receivedAt < TOKEN_MS;
  }

  /** Marks the token unusable after Discord refused it. */
  tokenRefused(): void {
    this.#tokenGone = true;
  }

  /** Acknowledges now without showing anything yet; nothing when already answered. */
  async defer(): Promise<void> {
    if (this.state !== 'none') return;
    if (this.raw.message) await this.callback(CALLBACK.deferredUpdate);
    else await this.callback(CALLBACK.deferredMessage, { flags: EPHEMERAL });
  }

  /** The first answer; answers the message it made or changed, when Discord says. */
  async callback(type: number, data?: unknown, files: Outgoing['files'] = []) {
    this.stopTimer();
    const route = Routes.interactionCallback(this.raw.id, this.raw.token);
    const answer = (await this.#rest(() =>
      this.#tokenRest.post(route, {
        body: data === undefined ? { type } : { type, data },
        files: files.length > 0 ? files : undefined,
        auth: false,
        query: wantsMessage(type, data)
          ? new URLSearchParams({ with_response: 'true' })
          : undefined,
      }),
    )) as { resource?: { message?: RawMessage } } | undefined;
    this.#afterCallback(type, data);
    return answer?.resource?.message;
  }

  #afterCallback(type: number, data: unknown): void {
    this.#markAnswered();
    const flags = (data as { flags?: number } | undefined)?.flags ?? 0;
    const sourceEphemeral = ((this.raw.message?.flags ?? 0) & EPHEMERAL) !== 0;
    if (type === CALLBACK.modal) {
      this.state = 'modal';
      this.original = undefined;
    } else if (type === CALLBACK.deferredMessage || type === CALLBACK.deferredUpdate) {
      this.state = 'deferred';
      const loading = type === CALLBACK.deferredMessage;
      this.original = { ephemeral: loading ? true : sourceEphemeral, loading };
    } else if (type === CALLBACK.update) {
      this.state = 'answered';
      this.original = { ephemeral: sourceEphemeral, loading: false };
    } else if (type !== CALLBACK.autocomplete) {
      this.state = 'answered';
      this.original = { ephemeral: (flags & EPHEMERAL) !== 0, loading: false };
    }
  }

  async editOriginal(out: Outgoing | MessageBody): Promise<void> {
    await this.editWebhookMessage('@original', out);
    if (this.original) this.original.loading = false;
  }

  async editWebhookMessage(messageId: string, out: Outgoing | MessageBody): Promise<void> {
    const { body, files } = withFiles(out);
    const { flags: _flags, ...edit } = body;
    const route = Routes.webhookMessage(this.raw.application_id, this.raw.token, messageId);
    await this.#rest(() =>
      this.#tokenRest.patch(route, {
        body: edit,
        files: files.length > 0 ? files : undefined,
        auth: false,
      }),
    );
  }

  async followUp(out: Outgoing | MessageBody): Promise<RawMessage> {
    const { body, files } = withFiles(out);
    const route = Routes.webhook(this.raw.application_id, this.raw.token);
    return (await this.#rest(() =>
      this.#tokenRest.post(route, {
        body,
        files: files.length > 0 ? files : undefined,
        auth: false,
        query: new URLSearchParams({ wait: 'true' }),
      }),
    )) as RawMessage;
  }

  /** A REST call on the interaction's token, its errors without the token. */
  async #rest<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      throw hideToken(error, this.raw.token);
    }
  }

  /** The answer when the work showed nothing: acknowledge so Discord shows no error. */
  async finish(): Promise<void> {
    this.stopTimer();
    if (!this.tokenAlive()) return;
    const done = { content: 'Done.', embeds: [], components: [], allowed_mentions: { parse: [] } };
    if (this.state === 'deferred' && this.original?.loading) await this.editOriginal(done);
    if (this.state !== 'none') return;
    if (this.raw.message) await this.callback(CALLBACK.deferredUpdate);
    else await this.callback(CALLBACK.message, { ...done, flags: EPHEMERAL });
  }
}
