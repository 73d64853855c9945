/** The Slack app manifest, generated from the command tree, for "Create an app from a manifest". */
import { commandTree } from '../../conversation/commands.js';
import { cut } from './text.js';

export interface ManifestOptions {
  /** The slash command, such as `/jobs`. */
  command: string;
  /** The app's name in Slack. */
  name?: string;
  /** HTTP mode: the public base URL Slack posts to; Socket Mode when left out. */
  httpUrl?: string;
}

/**
 * What the app may do: its commands, post (also where it was not invited), upload output,
 * and read user groups (access grants to `slack_groups`).
 */
export const BOT_SCOPES = [
  'commands',
  'chat:write',
  'chat:write.public',
  'files:write',
  'usergroups:read',
];

function usageHint(): string {
  const words = commandTree().subcommands.map((s) => s.usage.replace(/^\/jobs\s*/, ''));
  return cut(words.join(' | '), 1000);
}

export function slackManifest(options: ManifestOptions): Record<string, unknown> {
  const tree = commandTree();
  const name = cut(options.name ?? 'jobdeck', 35);
  const requestUrl = options.httpUrl
    ? `${options.httpUrl.replace(/\/+$/, '')}/slack/events`
    : undefined;
  const url = requestUrl ? { url: requestUrl } : {};
  return {
    display_information: {
      name,
      description: cut(tree.description, 140),
      background_color: '#1d2b36',
    },
    features: {
      bot_user: { display_name: name, always_online: true },
      slash_commands: [
        {
          command: options.command,
          description: cut(tree.description, 2000),
          usage_hint: usageHint(),
          should_escape: false,
          ...url,
        },
      ],
    },
    oauth_config: { scopes: { bot: BOT_SCOPES } },
    settings: {
      interactivity: { is_enabled: true, ...(requestUrl ? { request_url: requestUrl } : {}) },
      org_deploy_enabled: false,
      socket_mode_enabled: !requestUrl,
      token_rotation_enabled: false,
    },
  };
}
