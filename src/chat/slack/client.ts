/** The part of Slack's Web API jobdeck calls: a small seam over two clients. */
import type { webApi } from '@slack/bolt';
import type { Block } from './blocks.js';
import type { View } from './modal.js';
import type { SlackWebApi } from './web-api.js';

export interface MessageArgs {
  channel: string;
  text: string;
  blocks: Block[];
  thread_ts?: string;
}

export interface UploadArgs {
  channel_id: string;
  thread_ts: string;
  filename: string;
  title: string;
  content: string;
  initial_comment: string;
}

export interface SlackApi {
  postMessage(args: MessageArgs): Promise<{ ts: string }>;
  update(args: MessageArgs & { ts: string }): Promise<void>;
  postEphemeral(args: MessageArgs & { user: string }): Promise<void>;
  permalink(channel: string, ts: string): Promise<string | undefined>;
  openView(triggerId: string, view: View): Promise<string>;
  pushView(triggerId: string, view: View): Promise<string>;
  updateView(viewId: string, view: View): Promise<void>;
  upload(args: UploadArgs): Promise<void>;
  /** Posts to an interaction's response_url (ephemeral answers, replacing them). */
  respond(url: string, body: Record<string, unknown>): Promise<void>;
  /** The workspace's user groups with their members (usergroups.list). */
  userGroups(): Promise<Array<{ id: string; users: string[] }>>;
}

function viewId(answer: Record<string, unknown>): string {
  const id = (answer.view as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string' || !id)
    throw new Error('Slack answered a view call without a view id');
  return id;
}

/**
 * Messages, views and response_urls through the lean SlackWebApi (they are on every
 * interaction's path); uploads and user groups through Bolt's WebClient.
 */
export function slackApi(web: SlackWebApi, client: webApi.WebClient): SlackApi {
  return {
    async postMessage(args) {
      const answer = await web.call('chat.postMessage', { ...args, unfurl_links: false });
      return { ts: String(answer.ts) };
    },
    async update(args) {
      await web.do('chat.update', { ...args });
    },
    async postEphemeral(args) {
      await web.do('chat.postEphemeral', { ...args });
    },
    async permalink(channel, ts) {
      const answer = await web.call('chat.getPermalink', { channel, message_ts: ts });
      return typeof answer.permalink === 'string' ? answer.permalink : undefined;
    },
    openView: async (trigger_id, view) =>
      viewId(await web.call('views.open', { trigger_id, view })),
    pushView: async (trigger_id, view) =>
      viewId(await web.call('views.push', { trigger_id, view })),
    async updateView(view_id, view) {
      await web.do('views.update', { view_id, view });
    },
    async upload(args) {
      await client.files.uploadV2(args);
    },
    async userGroups() {
      const answer = await client.usergroups.list({ include_users: true });
      return (answer.usergroups ?? []).map((group) => ({
        id: String(group.id ?? ''),
        users: group.users ?? [],
      }));
    },
    respond: (url, body) => web.respond(url, body),
  };
}
