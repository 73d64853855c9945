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
 * Three measured rounds after one warm-up round. Then the floor: the same wizard flow against
 * a bare Bolt app (bench/slack-floor-bot.ts) answering with the views jobdeck sent.
 * CPU per wizard step is read from /proc (Linux).
 * Run: node --import tsx bench/slack.ts
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FakeSlack, type Json, startFakeSlack } from '../test/fakes/slack.js';
import {
  type Figures,
  type FloorViews,
  pagingFlow,
  runAgainFlow,
  runCard,
  SEARCH_MARK,
  wizardFlow,
} from './slack-flows.js';

const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 50);
/** Measured rounds of CONCURRENT users, after one round that warms up. */
const ROUNDS = 3;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BOT = fileURLToPath(new URL('./slack-bot.ts', import.meta.url));
const FLOOR = fileURLToPath(new URL('./slack-floor-bot.ts', import.meta.url));
/** Steps of one user's wizard flow: command, search, search submit, pick, submit. */
const WIZARD_STEPS = 5;

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

/** jobdeck (or the floor) in its own process, told where the fake is; no other platform. */
function startBot(fake: FakeSlack, script = BOT, extra: NodeJS.ProcessEnv = {}): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    BENCH_SLACK_API_URL: fake.apiUrl,
    SLACK_BOT_TOKEN: fake.botToken,
    SLACK_APP_TOKEN: fake.appToken,
    ...extra,
  };
  delete env.SLACK_SIGNING_SECRET;
  delete env.DISCORD_TOKEN;
  delete env.JOBDECK_CONFIG;
  return spawn(process.execPath, [...profile(), '--import', 'tsx', script], {
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

/** CPU milliseconds a process has used so far (user and system, from /proc; NaN elsewhere). */
function cpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return Number.NaN;
  }
}

/** One warm-up round, then ROUNDS measured rounds of every user at once. */
async function rounds(users: string[], flow: (user: string, ms: Figures) => Promise<void>) {
  await Promise.all(users.map((user) => flow(user, {})));
  const ms: Figures = {};
  for (let round = 0; round < ROUNDS; round += 1)
    await Promise.all(users.map((user) => flow(user, ms)));
  return ms;
}

/** The wizard rounds, with each process's CPU per wizard step. */
async function wizardRounds(fake: FakeSlack, users: string[], bot: ChildProcess) {
  const before = { bot: cpuMs(bot.pid), fake: process.cpuUsage() };
  const ms = await rounds(users, (user, figures) => wizardFlow(fake, user, figures));
  const used = process.cpuUsage(before.fake);
  const steps = WIZARD_STEPS * users.length * (ROUNDS + 1);
  const perStep = (total: number) => `${(total / steps).toFixed(2)} ms`;
  const cpu =
    `CPU per wizard step: bot ${perStep(cpuMs(bot.pid) - before.bot)}, ` +
    `fake Slack ${perStep((used.user + used.system) / 1000)}`;
  return { ms, cpu };
}

/** The views jobdeck's wizard sent, for the floor to send back unchanged. */
function capturedViews(fake: FakeSlack): FloorViews {
  const last = (method: string, title = '') => {
    const call = fake
      .callsTo(method)
      .findLast((c) => JSON.stringify((c.args.view as Json).title).includes(title));
    if (!call) throw new Error(`jobdeck sent no ${method} view titled "${title}"`);
    return call.args.view as Json;
  };
  return {
    start: last('views.open'),
    search: { ...last('views.push'), private_metadata: SEARCH_MARK },
    searched: last('views.update', '1/5'),
    form: last('views.update', '2/5'),
  };
}

async function measure(fake: FakeSlack, users: string[], bot: ChildProcess) {
  const wizard = await wizardRounds(fake, users, bot);
  const paging = await rounds(users, (user, ms) => pagingFlow(fake, user, ms));
  const cards = await Promise.all(users.map((user) => runCard(fake, user)));
  const again: Figures = {};
  await Promise.all(users.map((user, i) => runAgainFlow(fake, user, cards[i]!, again)));
  return { figures: { ...wizard.ms, ...paging, ...again }, cpu: wizard.cpu };
}

/** The same wizard flow against the bare Bolt app, once jobdeck has stopped. */
async function floor(fake: FakeSlack, users: string[], views: FloorViews) {
  const dir = mkdtempSync(join(tmpdir(), 'jobdeck-bench-floor-'));
  const file = join(dir, 'views.json');
  writeFileSync(file, JSON.stringify(views));
  const connected = fake.connectionCount;
  const bot = startBot(fake, FLOOR, { BENCH_VIEWS: file });
  const ended = exited(bot);
  ended.catch(() => undefined);
  try {
    await Promise.race([fake.waitForConnections(connected + 1, 60_000), ended]);
    return await Promise.race([wizardRounds(fake, users, bot), ended]);
  } finally {
    await stopBot(bot);
    rmSync(dir, { recursive: true, force: true });
  }
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
    const { figures, cpu } = await Promise.race([measure(fake, users, bot), ended]);
    const violations = fake.violations.length;
    await stopBot(bot);
    const bare = await floor(fake, users, capturedViews(fake));
    const load = loadavg().map((l) => l.toFixed(2));
    console.log(`Slack adapter: ${CONCURRENT} concurrent users x ${ROUNDS} rounds, Socket Mode`);
    console.log(`(jobdeck in child process ${bot.pid}, fake Slack and the clock in this one)`);
    console.log(`load average ${load.join(' ')} (1/5/15 min) on ${cpus().length} CPUs`);
    for (const [name, values] of Object.entries(figures)) report(name, values);
    console.log(cpu);
    console.log('Floor: a bare Bolt app answering with the same views and Web API client');
    for (const [name, values] of Object.entries(bare.ms)) report(`  ${name}`, values);
    console.log(bare.cpu);
    console.log(`Slack rules broken: ${violations} (jobdeck), ${fake.violations.length} in all`);
    for (const v of fake.violations.slice(0, 5)) console.log(`  ${v.where}: ${v.rule} ${v.detail}`);
  } finally {
    await stopBot(bot);
    await fake.close();
  }
}

await main();
