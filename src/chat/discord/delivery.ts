/**
 * Notifications into a Discord channel (channels of type `chat`): the message with the run's
 * buttons, a thread started from it for what follows, and a link back.
 */
import { DiscordAPIError, HTTPError, RateLimitError, Routes } from 'discord.js';
import { cap } from '../../conversation/limits.js';
import { resultButtons } from '../../conversation/run-view.js';
import type { Logger } from '../../log.js';
import type { ChatDelivery, ChatTarget } from '../../notify/delivery.js';
import { DeliveryError } from '../../notify/delivery-error.js';
import type { NotificationMessage } from '../../notify/message.js';
import type { Run } from '../../store/tables.js';
import { ChannelMessages, channelLink } from './channel.js';
import { customId } from './custom-id.js';
import type { DiscordRest } from './types.js';

const FAILURE_PRIORITY = 4;

function body(message: NotificationMessage, runId: number | null) {
  const embed: Record<string, unknown> = {
    title: cap(message.title || 'jobdeck', 256),
    description: cap(message.body || '-', 4096),
    color: message.priority >= FAILURE_PRIORITY ? 0xed4245 : 0x57f287,
  };
  if (/^https?:\/\//.test(message.click)) embed.url = message.click;
  const buttons = runId === null ? [] : resultButtons({ id: runId } as Run);
  const components = buttons.map((b) => ({
    type: 2,
    style: b.style === 'primary' ? 1 : 2,
    label: b.label,
    custom_id: customId('act', b.action, b.value),
  }));
  return {
    embeds: [embed],
    components: components.length > 0 ? [{ type: 1, components }] : [],
    allowed_mentions: { parse: [] },
  };
}

function deliveryError(error: unknown): DeliveryError {
  if (error instanceof DiscordAPIError) {
    const retryable = error.status === 429 || error.status >= 500;
    const message = `Discord answered ${error.status} (${error.code}): ${error.message}`;
    return new DeliveryError(message, { retryable, status: error.status, cause: error });
  }
  if (error instanceof RateLimitError) {
    return new DeliveryError('Discord rate limit', {
      retryable: true,
      retryAfterMs: error.retryAfter,
      cause: error,
    });
  }
  const status = error instanceof HTTPError ? error.status : undefined;
  const text = error instanceof Error ? error.message : String(error);
  return new DeliveryError(`Discord could not be reached: ${text}`, {
    retryable: true,
    status,
    cause: error,
  });
}

export function discordDelivery(rest: DiscordRest, logger: Logger): ChatDelivery {
  const messages = new ChannelMessages(rest);
  const guilds = new Map<string, string | undefined>();
  const guildOf = async (channelId: string) => {
    if (!guilds.has(channelId)) {
      const channel = (await rest.get(Routes.channel(channelId))) as { guild_id?: string };
      guilds.set(channelId, channel.guild_id);
    }
    return guilds.get(channelId);
  };
  return {
    async post(target: ChatTarget, message: NotificationMessage) {
      try {
        const posted = await messages.post(target.channel, {
          body: body(message, target.runId),
          files: [],
        });
        const guildId = await guildOf(target.channel);
        if (guildId) {
          await messages
            .startThread(target.channel, posted.id, message.title)
            .catch((error) =>
              logger.warn({ err: error }, 'notification posted; no thread started'),
            );
        }
        return { permalink: channelLink(guildId, target.channel, posted.id) };
      } catch (error) {
        throw deliveryError(error);
      }
    },
  };
}
