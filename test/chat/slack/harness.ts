/** A whole jobdeck answering the fake Slack through the real Bolt (Socket Mode by default). */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { SlackPlatform } from '../../../src/chat/slack/adapter.js';
import type { Interaction } from '../../../src/conversation/interaction.js';
import { createLogger } from '../../../src/log.js';
import { type FakeSlack, type Json, type StoredView, startFakeSlack } from '../../fakes/slack.js';
import { makeTestApp, type TestApp } from '../../support/app.js';

/** Test jobs: one that sleeps (for Cancel), one with 100 KB of output, one with a pattern. */
export const TEST_CATALOG = `
categories:
  - { name: testing, display_name: Testing, emoji: "🧪" }
items:
  - name: nap
    display_name: Nap
    category: testing
    command: echo napping; sleep {{seconds}}; echo woke
    parameters:
      - { name: seconds, type: number, default: 30 }
  - name: big_output
    display_name: Big output
    category: testing
    command: yes 0123456789012345678901234567890123456789012345678901234567890123456789 |
      head -n 1500
  - name: greet
    display_name: Greet
    category: testing
    command: echo hello {{name}}
    parameters:
      - name: name
        type: string
        required: true
        validation: { pattern: "^[a-z]+$", message: "use lower-case letters only" }
`;

export interface SlackHarness {
  t: TestApp;
  fake: FakeSlack;
  platform: SlackPlatform;
  /** Warnings and errors jobdeck logged. */
  logged: string[];
  close(): Promise<void>;
}

export function testCatalogDir(text = TEST_CATALOG): string {
  const dir = mkdtempSync(join(tmpdir(), 'jobdeck-slack-catalog-'));
  writeFileSync(join(dir, 'testing.yaml'), text);
  return dir;
}

export interface HarnessOptions {
  http?: boolean;
  config?: Record<string, unknown>;
  ackDeadlineMs?: number;
  /** Awaited before the conversation sees each interaction (to hold one back). */
  before?: (interaction: Interaction) => Promise<void> | undefined;
}

export async function startSlackJobdeck(options: HarnessOptions = {}): Promise<SlackHarness> {
  const t = await makeTestApp({ config: { catalog_dirs: [testCatalogDir()], ...options.config } });
  const fake = await startFakeSlack();
  const logged: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logged.push(String(chunk));
      done();
    },
  });
  const platform = new SlackPlatform({
    settings: {
      botToken: fake.botToken,
      ...(options.http ? { signingSecret: fake.signingSecret } : { appToken: fake.appToken }),
      port: 0,
      host: '127.0.0.1',
      command: '/jobs',
      apiUrl: fake.apiUrl,
    },
    conversation: {
      handle: async (interaction, responder) => {
        await options.before?.(interaction);
        return t.conversation.handle(interaction, responder);
      },
    },
    ackDeadlineMs: options.ackDeadlineMs,
    logger: createLogger({ level: 'warn', destination }),
    deliveries: t.app.deliveries,
    clientOptions: { retryConfig: { retries: 3, factor: 1, minTimeout: 10, maxTimeout: 10 } },
    clientPingTimeout: 1500,
  });
  await platform.start();
  return {
    t,
    fake,
    platform,
    logged,
    async close() {
      await platform.stop();
      await fake.close();
      await t.close();
    },
  };
}

/** The action_id of the element whose action is `action` in a view's or message's blocks. */
export function actionIdIn(blocks: Json[], action: string): string {
  for (const block of blocks) {
    const elements = [
      ...((block.elements as Json[] | undefined) ?? []),
      ...(block.accessory ? [block.accessory as Json] : []),
    ];
    const found = elements.find((e) => String(e.action_id ?? '').startsWith(`${action}|`));
    if (found) return String(found.action_id);
  }
  throw new Error(`no element for ${action} in ${JSON.stringify(blocks).slice(0, 400)}`);
}

/** The action_id of the button labelled `label`. */
export function buttonId(blocks: Json[], label: string): string {
  for (const block of blocks) {
    for (const e of (block.elements as Json[] | undefined) ?? []) {
      if (e.type === 'button' && (e.text as Json).text === label) return String(e.action_id);
    }
  }
  throw new Error(`no button "${label}"`);
}

export function headerOf(view: { blocks: Json[] } | undefined): string {
  const header = view?.blocks.find((b) => b.type === 'header');
  return String((header?.text as Json | undefined)?.text ?? '');
}

export function textOf(blocks: Json[]): string {
  return JSON.stringify(blocks);
}

/** Resolves when `check` passes, polling; fails with the last error after `timeoutMs`. */
export async function eventually<T>(check: () => T, timeoutMs = 15_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

export type { StoredView };
