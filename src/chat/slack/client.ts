/** The part of Slack's Web API jobdeck calls: a small seam over Bolt's WebClient. */
import type { webApi } from '@slack/bolt';
import type { Block } from './blocks.js';
import type { View } from './modal.js';

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

function viewId(answer: { view?: { id?: string } }): string {
  const id = answer.view?.id;
  if (!id) throw new Error('Slack answered a view call without a view id');
  return id;
}

export function boltApi(client: webApi.WebClient): SlackApi {
  return {
    async postMessage(args) {
      const answer = await client.chat.postMessage({ ...args, unfurl_links: false } as never);
      return { ts: String(answer.ts) };
    },
    async update(args) {
      await client.chat.update(args as never);
    },
    async postEphemeral(args) {
      await client.chat.postEphemeral(args as never);
    },
    async permalink(channel, ts) {
      const answer = await client.chat.getPermalink({ channel, message_ts: ts });
      return answer.permalink;
    },
    openView: async (trigger_id, view) =>
      viewId(await client.views.open({ trigger_id, view } as never)),
    pushView: async (trigger_id, view) =>
      viewId(await client.views.push({ trigger_id, view } as never)),
    async updateView(view_id, view) {
      await client.views.update({ view_id, view } as never);
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
    async respond(url, body) {
      const answer = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!answer.ok) throw new Error(`response_url answered ${answer.status}`);
    },
  };
}
