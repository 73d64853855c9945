/** A whole jobdeck on a temporary database: real catalog, runner, scheduler, conversation. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type App, createApp } from '../../src/app.js';
import { configFrom } from '../../src/config/load.js';
import { Conversation } from '../../src/conversation/conversation.js';
import { silentLogger } from '../../src/log.js';
import { conversationDeps } from '../../src/wiring/conversation-deps.js';
import { sharedSshd, sshServer } from '../setup/servers.js';

export interface TestAppOptions {
  /** Extra top-level configuration (slack:, discord:, notifications:, …). */
  config?: Record<string, unknown>;
  /** Servers; by default `local` (this machine) and `box` (the test sshd). */
  servers?: Record<string, unknown>[];
  dir?: string;
  start?: boolean;
}

export interface TestApp {
  dir: string;
  app: App;
  conversation: Conversation;
  close(): Promise<void>;
}

export function defaultServers(): Record<string, unknown>[] {
  return [
    { name: 'local', transport: 'local', labels: ['this machine'] },
    sshServer(sharedSshd(), { name: 'box', labels: ['test sshd'] }),
  ];
}

/**
 * Every chat user is an admin, nothing waits for approval and runs are not rate limited, so
 * tests of other features are not about access; test/access passes its own `access:` section.
 */
export const OPEN_ACCESS = {
  grants: { admin: { slack_users: ['*'], discord_users: ['*'] } },
  approval: { difficulties: [] },
  rate_limit: 0,
};

export async function makeTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'jobdeck-app-'));
  const config = configFrom({
    database: join(dir, 'jobdeck.db'),
    timezone: 'UTC',
    servers: options.servers ?? defaultServers(),
    runner: { retry_delay: 0.05 },
    access: OPEN_ACCESS,
    ...options.config,
  });
  const app = await createApp(config, { logger: silentLogger() });
  if (options.start !== false) {
    await app.scheduler.start();
    app.outbox.start();
  }
  const conversation = new Conversation(conversationDeps(app));
  return { dir, app, conversation, close: () => app.close() };
}
