/**
 * Slack benchmark: 50 concurrent users through the fake's Socket Mode into jobdeck running in
 * a child process (bench/slack-bot.ts: Bolt and the Slack adapter, started as `jobdeck start`
 * starts them). This process holds only the fake and takes every timestamp where Slack would.
 * Figures (p50/p99, ms): slash command to ack; a menu pick in the wizard modal to its
 * views.update; a form submit to its ack carrying the next view; the search sub-dialog's submit
 * to the wizard's views.update; the ephemeral catalog list's "Next ▶" button to the post on
 * the click's response_url that replaces the list (how the adapter answers a 'replace' screen
 * on an ephemeral message: no chat.update, no job); Run again to the new run card's
 * chat.postMessage and to the chat.update with its result (both include running a job).
 * Three measured rounds after one warm-up round.
 * Run: node --import tsx bench/slack.ts
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { type FakeSlack, startFakeSlack } from '../test/fakes/slack.js';
import { type Figures, pagingFlow, runAgainFlow, runCard, wizardFlow } from './slack-flows.js';

const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 50);
/** Measured rounds of CONCURRENT users, after one round that warms up. */
const ROUNDS = 3;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BOT = fileURLToPath(new URL('./slack-bot.ts', import.meta.url));

/** `BENCH_PROF=DIR` writes a CPU profile of the bot process there. */
function profile(): string[] {
  const dir = process.env.BENCH_PROF;
  return dir ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : [];
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function report(name: string, values: number[]): void {
  const sorted = [...values].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50).toFixed(1);
  const p99 = percentile(sorted, 99).toFixed(1);
  const n = `(n=${values.length})`;
  console.log(`${name.padEnd(50)} p50 ${p50.padStart(7)} ms   p99 ${p99.padStart(7)} ms  ${n}`);
}

/** jobdeck in its own process, told where the fake is; no other chat platform's token. */
function startBot(fake: FakeSlack): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BENCH_SLACK_API_URL: fake.apiUrl,
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_APP_TOKEN: fake.appToken,
  };
  delete env.SLACK_SIGNING_SECRET;
  delete env.DISCORD_TOKEN;
  delete env.JOBDECK_CONFIG;
  return spawn(process.execPath, [...profile(), '--import', 'tsx', BOT], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

function exited(child: ChildProcess): Promise<never> {
  return new Promise((_, reject) =>
    child.once('exit', (code, signal) =>
      reject(new Error(`the bot process ended (${signal ?? `exit ${code}`})`)),
    ),
  );
}

/** SIGTERM, then SIGKILL if it has not stopped in time. */
async function stopBot(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await gone;
  clearTimeout(timer);
}

/** One warm-up round, then ROUNDS measured rounds of every user at once. */
async function rounds(users: string[], flow: (user: string, ms: Figures) => Promise<void>) {
  await Promise.all(users.map((user) => flow(user, {})));
  const ms: Figures = {};
  for (let round = 0; round < ROUNDS; round += 1)
    await Promise.all(users.map((user) => flow(user, ms)));
  return ms;
}

async function measure(fake: FakeSlack, users: string[]): Promise<Figures> {
  const wizard = await rounds(users, (user, ms) => wizardFlow(fake, user, ms));
  const paging = await rounds(users, (user, ms) => pagingFlow(fake, user, ms));
  const cards = await Promise.all(users.map((user) => runCard(fake, user)));
  const again: Figures = {};
  await Promise.all(users.map((user, i) => runAgainFlow(fake, user, cards[i]!, again)));
  return { ...wizard, ...paging, ...again };
}

async function main(): Promise<void> {
  const fake = await startFakeSlack({ ackTimeoutMs: 30_000 });
  const users = Array.from({ length: CONCURRENT }, (_, i) => `U${String(i).padStart(4, '0')}`);
  for (const user of users) fake.addUser(user, user.toLowerCase());
  const bot = startBot(fake);
  const ended = exited(bot);
  ended.catch(() => undefined);
  try {
    await Promise.race([fake.waitForConnections(1, 60_000), ended]);
    const ms = await Promise.race([measure(fake, users), ended]);
    const load = loadavg().map((l) => l.toFixed(2));
    console.log(`Slack adapter: ${CONCURRENT} concurrent users x ${ROUNDS} rounds, Socket Mode`);
    console.log(`(jobdeck in child process ${bot.pid}, fake Slack and the clock in this one)`);
    console.log(`load average ${load.join(' ')} (1/5/15 min) on ${cpus().length} CPUs`);
    for (const [name, values] of Object.entries(ms)) report(name, values);
    console.log(`Slack rules broken: ${fake.violations.length}`);
    for (const v of fake.violations.slice(0, 5)) console.log(`  ${v.where}: ${v.rule} ${v.detail}`);
  } finally {
    await stopBot(bot);
    await fake.close();
  }
}

await main();
