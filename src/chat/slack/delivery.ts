/** Notifications for runs without a thread (scheduled runs) posted to a Slack channel. */

import type { ChatDelivery } from '../../notify/delivery.js';
import type { NotificationMessage } from '../../notify/message.js';
import type { Block } from './blocks.js';
import type { SlackApi } from './client.js';
import { mrkdwn, plain } from './text.js';

/** Common Markdown (bold, links) in Slack's mrkdwn, after escaping. */
function toMrkdwn(text: string): string {
  return mrkdwn(text, 2900)
    .replace(/\*\*([^*\n]+)\*\*/g, '*$1*')
    .replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, '<$2|$1>');
}

export function notificationBlocks(message: NotificationMessage): Block[] {
  const blocks: Block[] = [{ type: 'header', text: plain(message.title, 150) }];
  if (message.body)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: toMrkdwn(message.body) } });
  const links = message.actions.slice(0, 5).map((action, i) => ({
    type: 'button',
    action_id: `jobdeck-link-${i}`,
    text: plain(action.label, 75),
    url: action.url,
  }));
  if (links.length > 0) blocks.push({ type: 'actions', elements: links });
  return blocks;
}

/** Posts the message as a new message in the channel (its thread is where replies go). */
export function slackDelivery(api: SlackApi): ChatDelivery {
  return {
    async post(target, message) {
      const text = plain(message.title, 3000).text;
      const { ts } = await api.postMessage({
        channel: target.channel,
        text,
        blocks: notificationBlocks(message),
      });
      return { permalink: await api.permalink(target.channel, ts).catch(() => undefined) };
    },
  };
}
