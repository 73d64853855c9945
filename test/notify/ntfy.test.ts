import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelConfig } from '../../src/config/schema.js';
import { DeliveryError } from '../../src/notify/delivery-error.js';
import type { NotificationMessage } from '../../src/notify/message.js';
import { fitNtfyMessage, publishNtfy } from '../../src/notify/ntfy.js';
import { FakeNtfy, type FakeNtfyOptions } from '../fakes/ntfy.js';
import { ntfyChannel } from './setup.js';

let fake: FakeNtfy | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

async function start(options: FakeNtfyOptions = {}): Promise<FakeNtfy> {
  fake = await FakeNtfy.start(options);
  return fake;
}

const MESSAGE: NotificationMessage = {
  title: 'Container web restarted on web1 ✅',
  body: 'Finished in **2m 34s**.',
  tags: ['arrows_counterclockwise', 'whale'],
  priority: 4,
  click: 'https://chat.example/thread/9',
  actions: [{ action: 'view', label: 'Open run', url: 'https://chat.example/thread/9' }],
  markdown: true,
};

async function failureOf(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe('publishNtfy', () => {
  it('sends title, tags, priority, click, markdown and a view action, as ntfy stores', async () => {
    const server = await start();
    const answer = await publishNtfy(ntfyChannel(server.url), MESSAGE, { runId: 9 });
    const [stored] = server.messages;
    expect(stored).toMatchObject({
      id: answer.id,
      event: 'message',
      topic: 'jobdeck-alerts',
      title: 'Container web restarted on web1 ✅',
      message: 'Finished in **2m 34s**.',
      tags: ['arrows_counterclockwise', 'whale'],
      priority: 4,
      click: 'https://chat.example/thread/9',
      content_type: 'text/markdown',
      actions: [{ action: 'view', label: 'Open run', url: 'https://chat.example/thread/9' }],
    });
    const [request] = server.requests;
    expect(request?.path).toBe('/jobdeck-alerts');
    expect(request?.headers.title).toMatch(/^=\?UTF-8\?B\?.+\?=$/);
  });

  it('leaves out Click and Actions when the run has no page', async () => {
    const server = await start();
    await publishNtfy(ntfyChannel(server.url), { ...MESSAGE, click: '', actions: [] });
    expect(server.messages[0]?.click).toBeUndefined();
    expect(server.messages[0]?.actions).toBeUndefined();
  });

  it('authenticates with the Bearer token token_env names', async () => {
    const server = await start({ tokens: ['tk_right'] });
    const channel = ntfyChannel(server.url, { token_env: 'NTFY_TOKEN' });
    await publishNtfy(channel, MESSAGE, { env: { NTFY_TOKEN: 'tk_right' } });
    expect(server.messages).toHaveLength(1);
    expect(server.requests[0]?.headers.authorization).toBe('Bearer tk_right');

    const wrong = await failureOf(publishNtfy(channel, MESSAGE, { env: { NTFY_TOKEN: 'tk_no' } }));
    expect(wrong).toMatchObject({ status: 401, retryable: false });
    expect(wrong.message).toContain('40101 unauthorized');
    const unset = await failureOf(publishNtfy(channel, MESSAGE, { env: {} }));
    expect(unset.message).toContain('NTFY_TOKEN is not set');
    expect(unset.message).not.toContain('tk_');
  });

  it('authenticates with basic auth from username and password_env', async () => {
    const server = await start({ users: { ops: 'pa:ss' } });
    const channel = ntfyChannel(server.url, { username: 'ops', password_env: 'NTFY_PASSWORD' });
    await publishNtfy(channel, MESSAGE, { env: { NTFY_PASSWORD: 'pa:ss' } });
    expect(server.messages).toHaveLength(1);
    const anonymous = await failureOf(publishNtfy(ntfyChannel(server.url), MESSAGE));
    expect(anonymous).toMatchObject({ status: 403, retryable: false });
    expect(anonymous.message).toContain('40301 forbidden');
  });

  it('reports 429 as retryable with the Retry-After the server asked for', async () => {
    const server = await start();
    server.failNext(429, 1, 7);
    const error = await failureOf(publishNtfy(ntfyChannel(server.url), MESSAGE));
    expect(error).toMatchObject({ status: 429, retryable: true, retryAfterMs: 7000 });
    expect(error.message).toContain('42901');
  });

  it('reports 503 and an unreachable server as retryable', async () => {
    const server = await start();
    server.down();
    expect(await failureOf(publishNtfy(ntfyChannel(server.url), MESSAGE))).toMatchObject({
      status: 503,
      retryable: true,
    });
    const url = server.url;
    await server.close();
    fake = undefined;
    const error = await failureOf(publishNtfy(ntfyChannel(url), MESSAGE));
    expect(error).toMatchObject({ status: undefined, retryable: true });
    expect(error.message).toContain(`cannot reach ntfy at ${url}`);
  });
});

describe('large bodies', () => {
  const long = `${'0123456789'.repeat(500)}\nlast line`;

  it('cut to 4096 bytes with a marker by default, so they stay a message', async () => {
    const server = await start();
    const channel = ntfyChannel(server.url);
    await publishNtfy(channel, fitNtfyMessage({ ...MESSAGE, body: long }, channel));
    const stored = server.messages[0];
    expect(Buffer.byteLength(stored?.message ?? '')).toBeLessThanOrEqual(4096);
    expect(stored?.message).toMatch(/… output truncated, \d+ bytes more$/);
    expect(stored?.attachment).toBeUndefined();
  });

  it('go as an attachment when the channel says so, with a short message', async () => {
    const server = await start({ attachments: true });
    const channel = ntfyChannel(server.url, { large_body: 'attach' });
    await publishNtfy(channel, fitNtfyMessage({ ...MESSAGE, body: long }, channel), { runId: 7 });
    const stored = server.messages[0];
    expect(stored?.attachment).toMatchObject({ name: 'jobdeck-run-7.txt', size: long.length });
    expect(stored?.message.startsWith('0123456789')).toBe(true);
    expect(stored?.message).toMatch(/… output truncated, \d+ bytes more$/);
  });

  it('fall back to the cut message when the attachment is refused', async () => {
    for (const options of [{ attachments: true, attachmentLimit: 4500 }, { attachments: false }]) {
      const server = await start(options);
      const channel: ChannelConfig = ntfyChannel(server.url, { large_body: 'attach' });
      await publishNtfy(channel, { ...MESSAGE, body: long }, { runId: 7 });
      expect(server.requests.map((r) => r.status)).toEqual([options.attachments ? 413 : 400, 200]);
      expect(server.messages[0]?.message).toMatch(/output truncated/);
      await server.close();
      fake = undefined;
    }
  });
});

describe('the fake speaks the ntfy publish API', () => {
  it('takes JSON on POST /, X- headers and word priorities; refuses bad ones', async () => {
    const server = await start();
    const post = (path: string, init: RequestInit) =>
      fetch(`${server.url}${path}`, { method: 'POST', ...init });
    const json = await post('/', {
      body: JSON.stringify({ topic: 'a', message: 'hi', priority: 5 }),
    });
    expect(await json.json()).toMatchObject({ topic: 'a', message: 'hi', priority: 5 });
    const word = await post('/b', {
      headers: { 'X-Priority': 'high', 'x-tags': 'a, b' },
      body: 'x',
    });
    expect(await word.json()).toMatchObject({ priority: 4, tags: ['a', 'b'] });
    const bad = await post('/c', { headers: { Priority: '9' }, body: 'x' });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: 40007 });
    const topic = await post('/no%20spaces', { body: 'x' });
    expect(await topic.json()).toMatchObject({ code: 40009 });
  });
});
