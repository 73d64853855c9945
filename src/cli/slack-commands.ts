/** `jobdeck slack manifest`: the Slack app manifest to paste into Slack's app settings. */
import { stringify } from 'yaml';
import { slackManifest } from '../chat/slack/manifest.js';
import type { CliCommand } from './command.js';
import { configOf, flag, text } from './options.js';

export const slackManifestCommand: CliCommand = {
  path: ['slack', 'manifest'],
  usage: 'slack manifest [--http URL] [--name NAME] [--json]',
  summary: 'print the Slack app manifest (Socket Mode; --http URL for HTTP mode)',
  options: {
    http: { type: 'string' },
    name: { type: 'string' },
    json: { type: 'boolean' },
  },
  async run(context) {
    const config = configOf(context);
    const http = text(context, 'http');
    if (http && !/^https:\/\/[^\s/]+/.test(http)) {
      context.err('jobdeck: --http needs the public https:// address Slack can reach');
      return 2;
    }
    const manifest = slackManifest({
      command: config.slack.command,
      name: text(context, 'name'),
      httpUrl: http,
    });
    context.out(
      flag(context, 'json')
        ? JSON.stringify(manifest, null, 2)
        : stringify(manifest, { lineWidth: 0 }),
    );
    return 0;
  },
};
