/**
 * Runs in Discord: a card in the channel (status and buttons, edited as the run goes), a thread
 * started from it with the live tail and the final result; or the thread acted from. Channel
 * messages use the bot token, so a run longer than the interaction's 15 minutes still ends well.
 */
import type { ShownRef } from '../../conversation/responder.js';
import type { Screen } from '../../conversation/screen.js';
import type { Logger } from '../../log.js';
import { ChannelMessages, channelLink, withAttachment } from './channel.js';
import { titleOf } from './embed.js';
import { channelOf, inThread, sourceIsEphemeral } from './interaction.js';
import { renderMessage, renderNote } from './render.js';
import type { InteractionReply } from './reply.js';
import { CALLBACK, type DiscordRest, EPHEMERAL, type RawInteraction } from './types.js';

interface Where {
  channelId: string;
  messageId: string;
}

interface Card {
  card?: Where;
  thread?: Where;
  attachmentLimit: number | undefined;
}

/** The thread to post in: the one acted from, or the one started from the message acted on. */
function existingThread(raw: RawInteraction): { threadId: string; parentId: string } | undefined {
  const channelId = channelOf(raw);
  if (inThread(raw)) return { threadId: channelId, parentId: raw.channel?.parent_id ?? channelId };
  const thread = raw.message && !sourceIsEphemeral(raw) ? raw.message.thread : undefined;
  return thread ? { threadId: thread.id, parentId: channelId } : undefined;
}

export class RunCards {
  readonly #cards = new Map<string, Card>();
  readonly #messages: ChannelMessages;

  constructor(
    rest: DiscordRest,
    private readonly logger: Logger,
  ) {
    this.#messages = new ChannelMessages(rest);
  }

  owns(ref: ShownRef): boolean {
    return this.#cards.has(ref.id);
  }

  /** Posts a run's first screen; the interaction is acknowledged first, then told where. */
  async show(screen: Screen, reply: InteractionReply): Promise<ShownRef> {
    const raw = reply.raw;
    await this.#acknowledge(screen, reply);
    const limit = raw.attachment_size_limit;
    const full = () => withAttachment(renderMessage(screen), screen.attachment, limit);
    const existing = existingThread(raw);
    let card: Card;
    let parentId = channelOf(raw);
    if (existing) {
      parentId = existing.parentId;
      const posted = await this.#messages.post(existing.threadId, full());
      card = {
        thread: { channelId: existing.threadId, messageId: posted.id },
        attachmentLimit: limit,
      };
    } else {
      card = await this.#startCard(screen, raw, full);
    }
    const threadId = card.thread?.channelId;
    const at = card.card ?? card.thread;
    const id = `${at?.channelId}/${at?.messageId}`;
    this.#cards.set(id, card);
    const link = threadId ? `<#${threadId}>` : channelLink(raw.guild_id, parentId, at?.messageId);
    await this.#tell(reply, `▶ ${titleOf(screen)}: follow it in ${link}`);
    const thread = threadId
      ? { channelId: parentId, threadId, permalink: channelLink(raw.guild_id, threadId) }
      : undefined;
    return { platform: 'discord', id, thread };
  }

  async update(ref: ShownRef, screen: Screen): Promise<void> {
    const card = this.#cards.get(ref.id);
    if (!card) return;
    const final = screen.tone !== 'running';
    const attachment = final ? screen.attachment : undefined;
    const full = withAttachment(renderMessage(screen), attachment, card.attachmentLimit);
    const target = card.thread ?? card.card;
    if (target) await this.#messages.edit(target.channelId, target.messageId, full);
    if (card.card && card.thread) {
      const compact = this.#compact(screen, card);
      await this.#messages.edit(card.card.channelId, card.card.messageId, compact);
    }
    if (final) this.#cards.delete(ref.id);
  }

  async #startCard(
    screen: Screen,
    raw: RawInteraction,
    full: () => ReturnType<typeof withAttachment>,
  ) {
    const channelId = channelOf(raw);
    const posted = await this.#messages.post(channelId, this.#compact(screen));
    const card: Card = {
      card: { channelId, messageId: posted.id },
      attachmentLimit: raw.attachment_size_limit,
    };
    if (!raw.guild_id) {
      await this.#messages.edit(channelId, posted.id, full());
      return card;
    }
    try {
      const threadId = await this.#messages.startThread(channelId, posted.id, screen.title);
      const inside = await this.#messages.post(threadId, full());
      card.thread = { channelId: threadId, messageId: inside.id };
    } catch (error) {
      this.logger.warn({ err: error, channelId }, 'could not start a thread; the card shows all');
      await this.#messages.edit(channelId, posted.id, full());
    }
    return card;
  }

  /** The card in the channel: status, fields and buttons; the output is in the thread. */
  #compact(screen: Screen, card?: Card) {
    const where = card?.thread ? `<#${card.thread.channelId}>` : 'the thread below';
    const text = screen.tone === 'running' ? `Live output in ${where}.` : `Output in ${where}.`;
    return { body: renderMessage(screen, { sectionsInstead: [{ text }] }), files: [] };
  }

  async #acknowledge(screen: Screen, reply: InteractionReply): Promise<void> {
    if (reply.state !== 'none' || !reply.tokenAlive()) return;
    const note = renderNote(`▶ ${titleOf(screen)}`, 'Starting…', true);
    if (reply.raw.message && !sourceIsEphemeral(reply.raw))
      await reply.callback(CALLBACK.deferredUpdate);
    else if (reply.raw.message) await reply.callback(CALLBACK.update, note);
    else await reply.callback(CALLBACK.message, { ...note, flags: EPHEMERAL });
  }

  /** Lists the runs this interaction started in its own ephemeral answer. */
  async #tell(reply: InteractionReply, line: string): Promise<void> {
    if (!reply.original?.ephemeral || !reply.tokenAlive()) return;
    reply.notes.push(line);
    const title = reply.notes.length > 1 ? `Started ${reply.notes.length} runs` : 'Started';
    await reply
      .editOriginal(renderNote(title, reply.notes.join('\n'), true))
      .catch((error) => this.logger.debug({ err: error }, 'could not say where the run is'));
  }
}
