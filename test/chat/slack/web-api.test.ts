import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlackCallError, SlackWebApi } from '../../../src/chat/slack/web-api.js';
import { createLogger } from '../../../src/log.js';
import { DEFAULT_CHANNEL, type FakeSlack, startFakeSlack } from '../../fakes/slack.js';

function logInto(lines: string[]) {
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return createLogger({ level: 'warn', destination });
}

describe('the Web API client on every interaction path, against the fake Slack', () => {
  let fake: FakeSlack;
  const logged: string[] = [];
  let api: SlackWebApi;

  beforeAll(async () => {
    fake = await startFakeSlack();
    api = new SlackWebApi({ token: fake.botToken, apiUrl: fake.apiUrl, logger: logInto(logged) });
  });

  afterAll(async () => {
    api.close();
    await fake.close();
  });

  it('posts JSON with the bot token, and Slack stores the message as sent', async () => {
    const blocks = [{ type: 'section', text: { type: 'mrkdwn', text: '*disk* 91% full' } }];
    const answer = await api.call('chat.postMessage', {
      channel: DEFAULT_CHANNEL,
      text: 'disk 91% full',
      blocks,
    });
    const stored = fake.messages().find((m) => m.ts === answer.ts);
    expect(stored?.blocks).toMatchObject(blocks);
    expect(fake.callsTo('chat.postMessage').at(-1)?.token).toBe(fake.botToken);
  });

  it("answers Slack's error code as data.error, without the token", async () => {
    fake.failNext('chat.update', 'message_not_found');
    const failed = api.call('chat.update', { channel: DEFAULT_CHANNEL, ts: '1.2', text: 'x' });
    await expect(failed).rejects.toBeInstanceOf(SlackCallError);
    await expect(failed).rejects.toMatchObject({ data: { error: 'message_not_found' } });
    // The same when the answer is not wanted: a failure is still read and thrown.
    fake.failNext('views.update', 'not_found');
    const unread = api.do('views.update', { view_id: 'V0NONE', view: { type: 'modal' } });
    await expect(unread).rejects.toMatchObject({ data: { error: 'not_found' } });
    const forged = new SlackWebApi({
      token: 'xoxb-wrong',
      apiUrl: fake.apiUrl,
      logger: logInto([]),
    });
    const refused = await forged.call('auth.test', {}).catch((error: Error) => error);
    forged.close();
    expect(refused).toMatchObject({ data: { error: 'invalid_auth' } });
    expect(String((refused as Error).message)).not.toContain('xoxb-wrong');
  });

  it('waits out a 429 for as long as Retry-After says, then delivers the call once', async () => {
    fake.rateLimit('views.open', 1, 1);
    const started = Date.now();
    const trigger = fake.workspace.issueTrigger('U0TEST');
    const view = { type: 'modal', title: { type: 'plain_text', text: 'Hi' }, blocks: [] };
    const answer = await api.call('views.open', { trigger_id: trigger, view });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(fake.callsTo('views.open').map((c) => c.status)).toEqual([429, 200]);
    expect((answer.view as { id: string }).id).toBeTruthy();
    expect(logged.join('')).toContain('rate limit was exceeded');
  });
});

describe('the Web API client on the wire, and when the connection drops', () => {
  let server: Server;
  let requests = 0;
  const received: { type: string; body: string }[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      requests += 1;
      if (requests === 1) return void req.socket.destroy();
      let body = '';
      req.on('data', (chunk) => {
        body += String(chunk);
      });
      req.on('end', () => {
        received.push({ type: String(req.headers['content-type']), body });
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"ts":"9.9"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends the call again and answers what the second attempt got', async () => {
    const { port } = server.address() as AddressInfo;
    const lines: string[] = [];
    const api = new SlackWebApi({
      token: 'xoxb-secret-token',
      apiUrl: `http://127.0.0.1:${port}/api`,
      logger: logInto(lines),
    });
    const answer = await api.call('chat.postMessage', { channel: 'C1', text: 'hi' });
    api.close();
    expect(answer.ts).toBe('9.9');
    expect(requests).toBe(2);
    expect(lines.join('')).toContain('retrying a Slack call');
    expect(lines.join('')).not.toContain('xoxb-secret-token');
  });

  it('sends JSON, and a form to the methods that read only forms', async () => {
    const { port } = server.address() as AddressInfo;
    const api = new SlackWebApi({
      token: 'xoxb-t',
      apiUrl: `http://127.0.0.1:${port}/api/`,
      logger: logInto([]),
    });
    received.length = 0;
    await api.call('chat.update', { channel: 'C1', ts: '1.2', blocks: [{ type: 'divider' }] });
    await api.call('chat.getPermalink', { channel: 'C1', message_ts: '1.2' });
    api.close();
    expect(received).toEqual([
      {
        type: 'application/json; charset=utf-8',
        body: '{"channel":"C1","ts":"1.2","blocks":[{"type":"divider"}]}',
      },
      { type: 'application/x-www-form-urlencoded', body: 'channel=C1&message_ts=1.2' },
    ]);
  });
});
