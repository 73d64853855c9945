import { App, LogLevel, webApi } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { DEFAULT_CHANNEL, type FakeSlack, startFakeSlack } from './slack.js';
import {
  collectingLogger,
  registerWizard,
  resultBlocks,
  type Seen,
  wizardView,
} from './slack-fixtures.js';

const errors: string[] = [];
const quiet = { logLevel: LogLevel.ERROR, logger: collectingLogger(errors) };

function upgradeStatus(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    socket.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.on('open', () => reject(new Error('the fake accepted the socket')));
    socket.on('error', () => undefined);
  });
}

describe('the fake Slack under the real Bolt in Socket Mode', () => {
  let fake: FakeSlack;
  let app: App;
  const seen: Seen[] = [];

  beforeAll(async () => {
    fake = await startFakeSlack({ pingIntervalMs: 500 });
    app = new App({
      ...quiet,
      token: fake.botToken,
      appToken: fake.appToken,
      socketMode: true,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });
    registerWizard(app, seen);
    await app.start();
  });

  afterAll(async () => {
    await app.stop();
    await fake.close();
  });

  afterEach(() => {
    expect(fake.violations).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('opens the socket with the app token and checks the bot token with auth.test', () => {
    const [open] = fake.callsTo('apps.connections.open');
    expect(open?.token).toBe(fake.appToken);
    expect(open?.response.url).toMatch(/^ws:\/\/127\.0\.0\.1:\d+\/socket\?ticket=/);
    expect(fake.callsTo('auth.test')[0]?.response).toMatchObject({ ok: true, user_id: 'U0BOT' });
    expect(fake.connectionCount).toBe(1);
  });

  it('refuses a socket whose ticket is unknown or already used', async () => {
    const used = String(fake.callsTo('apps.connections.open')[0]?.response.url);
    const statuses = await Promise.all(
      [used, used.replace(/ticket=[^&]+/, 'ticket=forged')].map(upgradeStatus),
    );
    expect(statuses).toEqual([401, 401]);
  });

  it('delivers /jobs; the ack returns; views.open and chat.postMessage are recorded', async () => {
    const opened = fake.nextCall('views.open');
    const posted = fake.nextCall('chat.postMessage');
    const ack = await fake.sendSlashCommand({ text: '' });

    expect(ack).toEqual({ envelope_id: fake.envelopes.at(-1)?.envelope_id, payload: {} });
    expect((await opened).response).toMatchObject({ ok: true, view: { callback_id: 'wizard' } });
    expect((await posted).args).toMatchObject({ channel: DEFAULT_CHANNEL, text: 'Result' });
    expect(fake.topView()?.private_metadata).toBe('session-1');
    expect(fake.messages().at(-1)?.blocks[1]).toMatchObject({ block_id: 'result' });
  });

  it('shows a slash command ack with text to the user alone', async () => {
    const ack = await fake.sendSlashCommand({ text: 'help' });
    expect(ack.payload).toEqual({ text: 'Try /jobs run' });
    expect(fake.ephemerals.at(-1)).toMatchObject({ text: 'Try /jobs run', via: 'ack' });
  });

  it('round-trips a button in a message: response_url, then chat.update', async () => {
    const message = fake.messages().at(-1)!;
    const updated = fake.nextCall('chat.update');
    const ack = await fake.sendBlockActions({ actionId: 'run_again', messageTs: message.ts });

    expect(ack.payload).toEqual({});
    expect((await updated).args).toMatchObject({ ts: message.ts, text: 'Running again' });
    expect(message.edits).toHaveLength(1);
    expect(fake.responsePosts().at(-1)).toEqual({
      text: 'Started run 8',
      response_type: 'ephemeral',
    });
    expect(fake.ephemerals.at(-1)).toMatchObject({ text: 'Started run 8', via: 'response_url' });
  });

  it('answers a submission with field errors, then with an updated view', async () => {
    const wizard = fake.topView()!;
    const refused = await fake.sendViewSubmission({ viewId: wizard.id });
    expect(refused.payload).toEqual({
      response_action: 'errors',
      errors: { server: 'Pick a server' },
    });

    const accepted = await fake.sendViewSubmission({ viewId: wizard.id, inputs: { pick: 'nas' } });
    expect(accepted.payload).toMatchObject({ response_action: 'update' });
    expect(fake.view(wizard.id)?.title).toEqual({ type: 'plain_text', text: 'Done' });
    expect(fake.view(wizard.id)?.hash).not.toBe(wizard.hash);
  });

  it('stacks at most three views: a third push is refused', async () => {
    const opened = fake.nextCall('views.open');
    await fake.sendSlashCommand();
    const rootId = ((await opened).response.view as { id: string }).id;
    const answers: unknown[] = [];
    for (let push = 0; push < 3; push += 1) {
      const pushed = fake.nextCall('views.push');
      await fake.sendBlockActions({ viewId: fake.topView()!.id, actionId: 'more' });
      answers.push((await pushed).response.error ?? 'ok');
    }

    expect(answers).toEqual(['ok', 'ok', 'push_limit_reached']);
    expect(fake.openModals().find((stack) => stack[0] === rootId)).toHaveLength(3);
    expect(fake.violations.splice(0).map((v) => v.rule)).toEqual(['push_limit_reached']);
  });

  it('uploads a long output into a thread with files.uploadV2', async () => {
    const parent = await app.client.chat.postMessage({ channel: DEFAULT_CHANNEL, text: 'Run 9' });
    const output = 'line of output\n'.repeat(7000);
    await app.client.files.uploadV2({
      channel_id: DEFAULT_CHANNEL,
      thread_ts: parent.ts!,
      content: output,
      filename: 'run-9.txt',
      initial_comment: 'Full output',
    });

    const file = [...fake.files.values()].find((f) => f.filename === 'run-9.txt');
    expect(file?.content?.toString()).toBe(output);
    expect(fake.thread(parent.ts!)).toMatchObject([
      { text: 'Full output', files: [{ size: 105_000 }] },
    ]);
  });

  it('refuses a wrong token and an app token where a bot token belongs', async () => {
    const options = { ...quiet, slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } };
    const forged = new webApi.WebClient('xoxb-forged', options);
    await expect(forged.auth.test()).rejects.toMatchObject({ data: { error: 'invalid_auth' } });
    const appLevel = new webApi.WebClient(fake.appToken, options);
    await expect(
      appLevel.chat.postMessage({ channel: DEFAULT_CHANNEL, text: 'x' }),
    ).rejects.toMatchObject({
      data: { error: 'not_allowed_token_type' },
    });
  });

  it('refuses payloads over Slack limits and records why', async () => {
    const blocks = Array.from({ length: 51 }, () => resultBlocks('x')[0]!);
    await expect(
      app.client.chat.postMessage({ channel: DEFAULT_CHANNEL, text: 'many', blocks }),
    ).rejects.toMatchObject({ data: { error: 'invalid_blocks' } });
    const trigger_id = String(fake.slashCommandPayload().trigger_id);
    const view = { ...wizardView(), title: { type: 'plain_text' as const, text: 'x'.repeat(25) } };
    await expect(app.client.views.open({ trigger_id, view })).rejects.toMatchObject({
      data: { error: 'invalid_arguments' },
    });
    const rules = fake.violations.splice(0).map((v) => v.rule);
    expect(rules).toEqual(['blocks_max', 'modal_title_length']);
  });

  it('retries a 429 after Retry-After with a retrying client', async () => {
    const client = new webApi.WebClient(fake.botToken, {
      ...quiet,
      slackApiUrl: fake.apiUrl,
      retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 10 },
    });
    fake.rateLimit('chat.postMessage', 1, 1);
    const before = fake.callsTo('chat.postMessage').length;
    const result = await client.chat.postMessage({ channel: DEFAULT_CHANNEL, text: 'after 429' });

    expect(result.ok).toBe(true);
    const statuses = fake
      .callsTo('chat.postMessage')
      .slice(before)
      .map((c) => c.status);
    expect(statuses).toEqual([429, 200]);
    expect(fake.messages().at(-1)?.text).toBe('after 429');
  });

  it('flags a call that ignores Retry-After', async () => {
    fake.rateLimit('users.info', 1, 30);
    const call = () =>
      fetch(`${fake.apiUrl}users.info`, {
        method: 'POST',
        headers: { authorization: `Bearer ${fake.botToken}` },
        body: new URLSearchParams({ user: 'U0ALICE' }),
      });
    expect((await call()).status).toBe(429);
    expect(await (await call()).json()).toMatchObject({ ok: true, user: { name: 'alice' } });
    expect(fake.violations.splice(0).map((v) => v.rule)).toEqual(['retry_after_ignored']);
  });

  it('redelivers an envelope under the same id with retry fields Bolt passes on', async () => {
    const first = await fake.sendSlashCommand({ command: '/jobs-echo', text: 'once' });
    const again = await fake.redeliver(first.envelope_id);

    expect(again.envelope_id).toBe(first.envelope_id);
    expect(fake.envelopes.at(-1)).toMatchObject({ retry_attempt: 1, retry_reason: 'timeout' });
    const runs = seen.filter((s) => s.text === 'once');
    expect(runs.map((s) => s.retryNum)).toEqual([undefined, 1]);
  });

  it('reconnects after a disconnect message and keeps working', async () => {
    const closedBy = await fake.disconnect('refresh_requested');
    expect(closedBy).toBe('client');
    await fake.waitForConnections(2);

    expect(fake.connectionCount).toBe(2);
    expect(fake.callsTo('apps.connections.open')).toHaveLength(2);
    const ack = await fake.sendSlashCommand({ command: '/jobs-echo', text: 'after refresh' });
    expect(ack.payload).toEqual({});
  });

  it('reconnects after the TCP connection drops', async () => {
    fake.dropSocket();
    await fake.waitForConnections(3);
    expect(errors.splice(0).join('\n')).toContain('WebSocket error');

    expect(fake.openConnections).toBe(1);
    const ack = await fake.sendSlashCommand({ command: '/jobs-echo', text: 'after drop' });
    expect(ack.payload).toEqual({});
  });
});
