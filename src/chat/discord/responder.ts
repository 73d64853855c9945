/**
 * The Responder for one Discord interaction: where each Screen goes (update the message acted
 * on, a new message, a run card), ephemeral or not, and by which route while the token lives.
 */
import type { Responder, ShownRef } from '../../conversation/responder.js';
import type { Screen } from '../../conversation/screen.js';
import { ChannelMessages, withAttachment } from './channel.js';
import { type ConfirmTexts, isConfirmDialog } from './confirm.js';
import type { FormStore } from './forms.js';
import { channelOf, sourceIsEphemeral, userOf } from './interaction.js';
import { modalFor } from './modal.js';
import { renderMessage, renderNote } from './render.js';
import { type InteractionReply, isTokenGone } from './reply.js';
import type { RunCards } from './run-card.js';
import { CALLBACK, EPHEMERAL, type Outgoing } from './types.js';

export interface ResponderParts {
  forms: FormStore;
  confirms: ConfirmTexts;
  cards: RunCards;
}

interface Shown {
  /** `@original`, a follow-up's id, or a channel message (after the token ended). */
  messageId: string;
  /** The message's own id, for editing it with the bot token once the interaction token ended. */
  realId: string | undefined;
  via: 'webhook' | 'channel';
  channelId: string;
  ephemeral: boolean;
}

export class DiscordResponder implements Responder {
  readonly #shown = new Map<string, Shown>();
  readonly #channel: ChannelMessages;
  #seq = 0;

  constructor(
    private readonly reply: InteractionReply,
    private readonly parts: ResponderParts,
    /** Open a screen's form as a modal straight away (the user pressed a form button). */
    private readonly openForms = false,
  ) {
    this.#channel = new ChannelMessages(reply.rest);
  }

  show(screen: Screen): Promise<ShownRef | undefined> {
    return this.reply.serial(() => this.#show(screen));
  }

  update(ref: ShownRef, screen: Screen): Promise<void> {
    return this.reply.serial(() => this.#update(ref, screen));
  }

  async #show(screen: Screen): Promise<ShownRef | undefined> {
    const { reply, parts } = this;
    const userOnly = screen.visibility === 'user';
    parts.confirms.remember(screen.buttons);
    if (screen.placement === 'thread' && !userOnly) return parts.cards.show(screen, reply);
    const entry = parts.forms.open(userOf(reply.raw).id, screen);
    if (entry && this.openForms && reply.state === 'none') {
      await reply.callback(CALLBACK.modal, modalFor(entry));
      return undefined;
    }
    const out = withAttachment(
      renderMessage(screen),
      screen.attachment,
      reply.raw.attachment_size_limit,
    );
    if (!reply.tokenAlive()) return this.#toChannel(out, userOnly);
    try {
      return await this.#answer(screen, out, userOnly);
    } catch (error) {
      if (!isTokenGone(error)) throw error;
      reply.tokenRefused();
      return this.#toChannel(out, userOnly);
    }
  }

  async #answer(screen: Screen, out: Outgoing, userOnly: boolean): Promise<ShownRef> {
    const { reply } = this;
    const raw = reply.raw;
    const replace = screen.placement === 'replace' || (userOnly && isConfirmDialog(raw.message));
    const flagged = {
      body: { ...out.body, ...(userOnly ? { flags: EPHEMERAL } : {}) },
      files: out.files,
    };
    if (reply.state === 'none') {
      const sourceEphemeral = sourceIsEphemeral(raw);
      if (replace && raw.message && sourceEphemeral === userOnly) {
        await reply.callback(CALLBACK.update, out.body, out.files);
        return this.#ref('@original', userOnly, raw.message.id);
      }
      if (replace && raw.message && sourceEphemeral) {
        await reply.callback(
          CALLBACK.update,
          renderNote(screen.title, 'Posted in the channel.', true),
        );
        const posted = await reply.followUp(flagged);
        return this.#ref(posted.id, false, posted.id);
      }
      const made = await reply.callback(CALLBACK.message, flagged.body, out.files);
      return this.#ref('@original', userOnly, made?.id);
    }
    const original = reply.original;
    if (original?.loading && original.ephemeral && !userOnly) {
      // Deferred as "thinking…" only the user sees: the channel's screen is posted for all.
      await reply.editOriginal(renderNote(screen.title, 'Posted in the channel.', true));
      const posted = await reply.followUp(flagged);
      return this.#ref(posted.id, false, posted.id);
    }
    if (original?.loading || (replace && original?.ephemeral === userOnly)) {
      await reply.editOriginal(out);
      return this.#ref('@original', original.ephemeral, undefined);
    }
    const posted = await reply.followUp(flagged);
    return this.#ref(posted.id, userOnly, posted.id);
  }

  /** After the token ended: the channel, naming the user when the screen was theirs alone. */
  async #toChannel(out: Outgoing, userOnly: boolean): Promise<ShownRef> {
    const raw = this.reply.raw;
    const channelId = channelOf(raw);
    const user = userOf(raw).id;
    const body = userOnly
      ? { ...out.body, content: `<@${user}>`, allowed_mentions: { parse: [], users: [user] } }
      : out.body;
    const posted = await this.#channel.post(channelId, { body, files: out.files });
    return this.#ref(posted.id, false, posted.id, 'channel');
  }

  #ref(
    messageId: string,
    ephemeral: boolean,
    realId: string | undefined,
    via: Shown['via'] = 'webhook',
  ) {
    const id = `${this.reply.raw.id}:${++this.#seq}`;
    const channelId = channelOf(this.reply.raw);
    this.#shown.set(id, { messageId, realId, via, ephemeral, channelId });
    return { platform: 'discord', id };
  }

  async #update(ref: ShownRef, screen: Screen): Promise<void> {
    this.parts.confirms.remember(screen.buttons);
    if (this.parts.cards.owns(ref)) return this.parts.cards.update(ref, screen);
    const shown = this.#shown.get(ref.id);
    if (!shown) return;
    const limit = this.reply.raw.attachment_size_limit;
    const out = withAttachment(renderMessage(screen), screen.attachment, limit);
    if (shown.via === 'webhook' && this.reply.tokenAlive()) {
      try {
        return await this.reply.editWebhookMessage(shown.messageId, out);
      } catch (error) {
        if (!isTokenGone(error)) throw error;
        this.reply.tokenRefused();
      }
    }
    const messageId = shown.realId;
    if (shown.ephemeral || !messageId) {
      this.reply.logger.debug({ ref: ref.id }, 'cannot edit this message any more');
      return;
    }
    await this.#channel.edit(shown.channelId, messageId, out);
  }
}
