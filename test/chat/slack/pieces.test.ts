import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  actionId,
  optionValue,
  readActionId,
  readOptionValue,
} from '../../../src/chat/slack/ids.js';
import { LatestOnly } from '../../../src/chat/slack/latest.js';
import { slackManifest } from '../../../src/chat/slack/manifest.js';
import { codeBlock, mrkdwn, unescapeSlack } from '../../../src/chat/slack/text.js';
import { runCli } from '../../catalog/helpers.js';

describe('Slack text', () => {
  it('escapes &, < and > and cuts within the limit without splitting an entity', () => {
    expect(mrkdwn('a <b> & c', 100)).toBe('a &lt;b&gt; &amp; c');
    const cut = mrkdwn('&'.repeat(10), 12);
    expect(cut).toBe('&amp;&amp;…');
    expect(unescapeSlack('x=&lt;1&gt; &amp;&amp; y')).toBe('x=<1> && y');
  });

  it('keeps the end of output in a code block and defuses fences inside it', () => {
    const block = codeBlock(`${'old line\n'.repeat(1000)}last \`\`\` line`, 300);
    expect(block.length).toBeLessThanOrEqual(300);
    expect(block.startsWith('```\n…')).toBe(true);
    expect(block.endsWith('last `\u200b`` line\n```')).toBe(true);
  });
});

describe('Slack ids', () => {
  it('round-trips an action and a value with | and : through an action_id', () => {
    const id = actionId('list.page', '2:a|b', 7);
    expect(readActionId(id)).toEqual({ action: 'list.page', value: '2:a|b' });
    expect(readActionId('jobdeck-link-0')).toBeUndefined();
  });

  it('sends option values over 75 characters as a short key and reads them back', () => {
    const long = 'v'.repeat(3000);
    const sent = optionValue(long);
    expect(sent.length).toBeLessThanOrEqual(75);
    expect(readOptionValue(sent)).toBe(long);
    expect(optionValue('short')).toBe('short');
  });
});

describe('one change at a time per message', () => {
  it('runs the newest waiting update after the running one and skips the older ones', async () => {
    const latest = new LatestOnly();
    const applied: string[] = [];
    let release: () => void = () => undefined;
    const slow = latest.run('m', async () => {
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      applied.push('live 1');
    });
    const skipped = latest.run('m', async () => void applied.push('live 2'));
    const final = latest.run('m', async () => void applied.push('result'));
    release();
    await Promise.all([slow, skipped, final]);
    expect(applied).toEqual(['live 1', 'result']);
  });
});

describe('jobdeck slack manifest', () => {
  it('prints a Socket Mode manifest with the slash command from the command tree', async () => {
    const run = await runCli(['slack', 'manifest']);
    expect(run.code).toBe(0);
    const manifest = parse(run.stdout);
    expect(manifest.features.slash_commands[0]).toMatchObject({
      command: '/jobs',
      usage_hint: expect.stringContaining('run <item> [server] [name=value ...]'),
    });
    expect(manifest.oauth_config.scopes.bot).toEqual([
      'commands',
      'chat:write',
      'chat:write.public',
      'files:write',
      'usergroups:read',
    ]);
    expect(manifest.settings).toMatchObject({
      socket_mode_enabled: true,
      interactivity: { is_enabled: true },
    });
  });

  it('gives HTTP mode request URLs and a configured command name', () => {
    const manifest = slackManifest({ command: '/ops', httpUrl: 'https://jd.example.com/' });
    expect(manifest).toMatchObject({
      features: {
        slash_commands: [{ command: '/ops', url: 'https://jd.example.com/slack/events' }],
      },
      settings: {
        socket_mode_enabled: false,
        interactivity: { request_url: 'https://jd.example.com/slack/events' },
      },
    });
  });
});
