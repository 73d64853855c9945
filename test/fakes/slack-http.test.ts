import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type FakeSlack, startFakeSlack } from './slack.js';
import { collectingLogger, registerWizard, type Seen } from './slack-fixtures.js';

describe('the fake Slack against the real Bolt HTTP receiver', () => {
  let fake: FakeSlack;
  let app: App;
  let appUrl: string;
  const seen: Seen[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    fake = await startFakeSlack();
    app = new App({
      logLevel: LogLevel.ERROR,
      logger: collectingLogger(errors),
      token: fake.botToken,
      signingSecret: fake.signingSecret,
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    });
    registerWizard(app, seen);
    const server = (await app.start({ port: 0, host: '127.0.0.1' })) as Server;
    appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`;
  });

  afterAll(async () => {
    await app.stop();
    await fake.close();
  });

  afterEach(() => {
    expect(fake.violations).toEqual([]);
  });

  it('accepts a correctly signed slash command and answers with the ack', async () => {
    const opened = fake.nextCall('views.open');
    const answer = await fake.sendSignedSlashCommand(appUrl, { text: 'help' });

    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({ text: 'Try /jobs run' });
    expect(fake.ephemerals.at(-1)).toMatchObject({ text: 'Try /jobs run', via: 'ack' });

    expect((await fake.sendSignedSlashCommand(appUrl, { text: '' })).status).toBe(200);
    expect((await opened).response).toMatchObject({ ok: true });
  });

  it('answers 401 to a wrong signature and to a stale timestamp, and runs nothing', async () => {
    const before = seen.length;
    const forged = await fake.sendSignedSlashCommand(appUrl, { text: 'x' }, { badSignature: true });
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const old = await fake.sendSignedSlashCommand(appUrl, { text: 'x' }, { timestamp: stale });

    expect([forged.status, old.status]).toEqual([401, 401]);
    expect(seen).toHaveLength(before);
  });

  it('passes Slack retry headers on to the listener', async () => {
    const input = { command: '/jobs-echo', text: 'retried' };
    const answer = await fake.sendSignedSlashCommand(appUrl, input, {
      retryNum: 2,
      retryReason: 'http_timeout',
    });

    expect(answer.status).toBe(200);
    expect(seen.at(-1)).toEqual({ text: 'retried', retryNum: 2, retryReason: 'http_timeout' });
  });

  it('carries a view submission as a payload form field and returns response_action', async () => {
    const payload = fake.viewSubmissionPayload({ viewId: fake.topView()!.id });
    const answer = await fake.sendSignedInteraction(appUrl, payload);

    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({
      response_action: 'errors',
      errors: { server: 'Pick a server' },
    });
    expect(errors).toEqual([]);
  });
});
