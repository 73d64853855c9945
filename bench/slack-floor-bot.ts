/**
 * The floor for bench/slack.ts: a bare Bolt app in Socket Mode that answers the bench's wizard
 * steps with the very views jobdeck sent (captured by the bench, in BENCH_VIEWS) and the same
 * Web API client, but no conversation, SQLite or rendering. What it measures is what Bolt, the
 * fake and this machine cost before jobdeck does anything.
 * Environment: BENCH_SLACK_API_URL, SLACK_BOT_TOKEN, SLACK_APP_TOKEN, BENCH_VIEWS (a JSON file
 * of FloorViews). Stops on SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { App, LogLevel, SocketModeReceiver } from '@slack/bolt';
import { SlackWebApi } from '../src/chat/slack/web-api.js';
import { silentLogger } from '../src/log.js';
import { type FloorViews, SEARCH_MARK } from './slack-flows.js';

type Json = Record<string, unknown>;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`bench/slack-floor-bot.ts needs ${name} in the environment`);
  return value;
}

const views = JSON.parse(readFileSync(required('BENCH_VIEWS'), 'utf8')) as FloorViews;
const apiUrl = required('BENCH_SLACK_API_URL');
const token = required('SLACK_BOT_TOKEN');
const web = new SlackWebApi({ token, apiUrl, logger: silentLogger() });
const receiver = new SocketModeReceiver({
  appToken: required('SLACK_APP_TOKEN'),
  logLevel: LogLevel.ERROR,
  installerOptions: { clientOptions: { slackApiUrl: apiUrl } },
});
const app = new App({
  token,
  receiver,
  logLevel: LogLevel.ERROR,
  clientOptions: { slackApiUrl: apiUrl },
});
const actionOf = (body: unknown) => ((body as { actions?: Json[] }).actions?.[0] ?? {}) as Json;

app.command('/jobs', async ({ ack, body }) => {
  await ack();
  await web.call('views.open', { trigger_id: body.trigger_id, view: views.start });
});

app.action(/.*/, async ({ ack, body }) => {
  await ack();
  const { trigger_id, view } = body as { trigger_id: string; view: { id: string } };
  if (String(actionOf(body).action_id).startsWith('w.search'))
    await web.call('views.push', { trigger_id, view: views.search });
  else await web.call('views.update', { view_id: view.id, view: views.form });
});

app.view(/.*/, async ({ ack, body }) => {
  if (body.view.private_metadata !== SEARCH_MARK)
    return void (await ack({ response_action: 'update', view: views.form } as never));
  await ack();
  await web.call('views.update', { view_id: body.view.previous_view_id, view: views.searched });
});

await app.start();
process.once('SIGTERM', () => {
  web.close();
  void app.stop().then(() => process.exit(0));
});
