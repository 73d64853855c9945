/**
 * The jobdeck bot for bench/slack.ts, in a process of its own: configured as `jobdeck start`
 * is and started by startJobdeck (src/main.ts), so Slack starts from SLACK_BOT_TOKEN and
 * SLACK_APP_TOKEN. BENCH_SLACK_API_URL is the fake Slack's Web API. Stops on SIGTERM.
 * Run by bench/slack.ts: node --import tsx bench/slack-bot.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configFrom } from '../src/config/load.js';
import { createLogger } from '../src/log.js';
import { startJobdeck } from '../src/main.js';

const CATALOG = `
categories: [{ name: bench, display_name: Bench }]
items:
  - { name: quick, display_name: Quick, category: bench, command: echo ok }
  - name: hello
    display_name: Hello
    category: bench
    command: echo hello {{who}}
    parameters: [{ name: who, type: string, default: world }]
`;
/** Enough more items (in their own category) for `/jobs list` to have a second page. */
const FILLER = Array.from(
  { length: 30 },
  (_, i) =>
    `  - { name: filler_${i}, display_name: Filler ${i}, category: filler, command: echo filler }`,
);
const FILLER_CATALOG = [
  'categories: [{ name: filler, display_name: Filler }]',
  'items:',
  ...FILLER,
].join('\n');

const apiUrl = process.env.BENCH_SLACK_API_URL;
if (!apiUrl) throw new Error('BENCH_SLACK_API_URL is not set');

const dir = mkdtempSync(join(tmpdir(), 'jobdeck-bench-slack-bot-'));
writeFileSync(join(dir, 'bench.yaml'), CATALOG);
writeFileSync(join(dir, 'filler.yaml'), FILLER_CATALOG);
const config = configFrom({
  database: join(dir, 'bench.db'),
  timezone: 'UTC',
  catalog_dirs: [dir],
  log_level: 'warn',
  servers: [{ name: 'local', transport: 'local', max_concurrent: 64 }],
  runner: { max_concurrent: 200 },
  slack: { api_url: apiUrl },
  access: {
    grants: { admin: { slack_users: ['*'] } },
    approval: { difficulties: [] },
    rate_limit: 0,
  },
});
const logger = createLogger({ level: config.log_level, destination: process.stderr });
const running = await startJobdeck(config, {
  logger,
  env: process.env,
  stdin: process.stdin,
  stdout: process.stdout,
  warn: (line) => process.stderr.write(`warning: ${line}\n`),
});
if (running.platforms.length === 0) {
  await running.stop();
  rmSync(dir, { recursive: true, force: true });
  throw new Error('Slack did not start: SLACK_BOT_TOKEN is not set');
}

process.once('SIGTERM', () => {
  void running
    .stop()
    .finally(() => rmSync(dir, { recursive: true, force: true }))
    .then(() => process.exit(0));
});
