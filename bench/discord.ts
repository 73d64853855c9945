/**
 * Discord benchmark: 50 concurrent `/jobs` interactions through the fake gateway into a jobdeck
 * bot in its own process (bench/discord-bot.ts: real discord.js and the Discord adapter), so
 * the fake's CPU stays out of the bot's. This process holds the fake and takes every timestamp:
 * dispatch to interaction callback (p50/p99), then a button on each wizard message to its
 * update (p50/p99), with each process's CPU per interaction.
 * Run: node --import tsx bench/discord.ts
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { flatten, objects } from '../test/fakes/discord/limits-message.js';
import {
  type FakeDiscord,
  type InteractionHandle,
  type RecordedCall,
  startFakeDiscord,
} from '../test/fakes/discord.js';
import type { BotMessage, ParentMessage } from './discord-bot.js';

const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 50);
const ROUNDS = 4;
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const READY_MS = 60_000;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const CALLBACK_ROUTE = '/interactions/:interaction/:token/callback';
const EDIT_ROUTE = '/webhooks/:app/:token/messages/:message';

/** A call that shows the answer: a callback carrying a message, or an edit of a deferred one. */
function showsAnswer(call: RecordedCall): boolean {
  if (call.status >= 300) return false;
  if (call.route === EDIT_ROUTE) return call.method === 'PATCH';
  const type = (call.body as { type?: number } | null)?.type;
  return call.route === CALLBACK_ROUTE && (type === 4 || type === 7);
}

/**
 * Milliseconds from now until the fake recorded the interaction's callback (Discord's deadline:
 * a deferral counts) and until the answer itself was shown (the callback, or the edit after a
 * deferral).
 */
async function timed(start: () => InteractionHandle) {
  const at = performance.now();
  const handle = start();
  const callback = handle.callback(10_000).then((call) => ({ call, ms: performance.now() - at }));
  const shown = handle.waitForCall(showsAnswer, 10_000).then(() => performance.now() - at);
  const first = await callback;
  const type = (first.call.body as { type?: number } | null)?.type;
  return { callback: first.ms, shown: await shown, deferred: type === 5 || type === 6, handle };
}

function difficultyButton(fake: FakeDiscord, handle: InteractionHandle): string {
  const message = handle.original();
  const ids = flatten(objects(message?.data.components)).map((c) => String(c.custom_id ?? ''));
  const id = ids.find((i) => i.startsWith('w.diff|'));
  if (!message || !id) throw new Error(`no wizard (${fake.calls.length} calls)`);
  return id;
}

async function round(fake: FakeDiscord, users: { id: string; username: string }[]) {
  const commands = await Promise.all(
    users.map((user) => timed(() => fake.slashCommand('jobs', { subcommand: 'new', user }))),
  );
  const clicks = await Promise.all(
    commands.map(({ handle }, i) =>
      timed(() =>
        fake.clickButton(handle.original()!, difficultyButton(fake, handle), { user: users[i] }),
      ),
    ),
  );
  return {
    command: commands.map((c) => c.callback),
    commandShown: commands.map((c) => c.shown),
    click: clicks.map((c) => c.shown),
    deferred: [...commands, ...clicks].filter((c) => c.deferred).length,
  };
}

/** The next message from the bot that `accept` takes; fails if the bot exits first. */
function fromBot<T>(bot: ChildProcess, accept: (m: BotMessage) => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: BotMessage) => {
      if (message.type === 'failed') return finish(() => reject(new Error(message.error)));
      const value = accept(message);
      if (value !== undefined) finish(() => resolve(value));
    };
    const onExit = (code: number | null) =>
      finish(() => reject(new Error(`bot exited (code ${code}) before answering`)));
    const finish = (settle: () => void) => {
      bot.off('message', onMessage);
      bot.off('exit', onExit);
      settle();
    };
    bot.on('message', onMessage);
    bot.on('exit', onExit);
  });
}

/** The bot's CPU time so far, in milliseconds. */
function botCpuMs(bot: ChildProcess): Promise<number> {
  const answer = fromBot(bot, (m) => (m.type === 'cpu' ? (m.user + m.system) / 1000 : undefined));
  bot.send({ type: 'cpu' } satisfies ParentMessage);
  return answer;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

async function stopBot(bot: ChildProcess): Promise<void> {
  if (bot.exitCode !== null || bot.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => bot.once('exit', () => resolve()));
  if (bot.connected) bot.send({ type: 'stop' } satisfies ParentMessage);
  const timer = setTimeout(() => bot.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}

function spawnBot(fake: FakeDiscord, database: string, adminIds: string[]): ChildProcess {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('SLACK_')) delete env[name];
  Object.assign(env, {
    BENCH_DISCORD_API: fake.apiUrl,
    DISCORD_TOKEN: fake.token,
    BENCH_GUILD_ID: fake.guildId,
    BENCH_DATABASE: database,
    BENCH_ADMINS: adminIds.join(','),
  });
  const args = [
    ...(process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : []),
    '--import',
    'tsx',
    join(ROOT, 'bench/discord-bot.ts'),
  ];
  return spawn(process.execPath, args, {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

/** Waits for the bot's `ready`, then checks the fake saw IDENTIFY and the /jobs registration. */
async function botReady(fake: FakeDiscord, bot: ChildProcess): Promise<void> {
  const ready = fromBot(bot, (m) => (m.type === 'ready' ? true : undefined));
  await withTimeout(ready, READY_MS, 'the bot did not start');
  if (fake.gateway.identifies < 1) throw new Error('the bot never identified on the gateway');
  const names = fake.commands(fake.guildId).map((c) => c.name);
  if (!names.includes('jobs')) throw new Error(`/jobs not registered (got ${names.join(', ')})`);
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

function line(name: string, sorted: number[], target?: number): string {
  return (
    `  ${name.padEnd(24)} p50 ${ms(percentile(sorted, 50))}  p99 ${ms(percentile(sorted, 99))}` +
    `  max ${ms(sorted.at(-1) ?? NaN)}${target ? `  (target p99 < ${target} ms)` : ''}`
  );
}

const dir = mkdtempSync(join(tmpdir(), 'jobdeck-bench-discord-'));
const fake = await startFakeDiscord();
const users = Array.from({ length: CONCURRENT }, (_, i) => ({
  id: String(900_000_000_000_000_000n + BigInt(i)),
  username: `user${i}`,
}));
const bot = spawnBot(
  fake,
  join(dir, 'bench.db'),
  users.map((u) => u.id),
);
try {
  await botReady(fake, bot);
  await round(fake, users);
  const command: number[] = [];
  const commandShown: number[] = [];
  const click: number[] = [];
  let deferred = 0;
  const botBefore = await botCpuMs(bot);
  const cpuBefore = process.cpuUsage();
  const wallBefore = performance.now();
  for (let i = 0; i < ROUNDS; i += 1) {
    const figures = await round(fake, users);
    command.push(...figures.command);
    commandShown.push(...figures.commandShown);
    click.push(...figures.click);
    deferred += figures.deferred;
  }
  const wallMs = performance.now() - wallBefore;
  const cpu = process.cpuUsage(cpuBefore);
  const botMs = (await botCpuMs(bot)) - botBefore;
  const fakeMs = (cpu.user + cpu.system) / 1000;
  const interactions = 2 * ROUNDS * CONCURRENT;
  for (const list of [command, commandShown, click]) list.sort((a, b) => a - b);

  const load = loadavg().map((n) => n.toFixed(2));
  console.log(
    `discord: ${CONCURRENT} concurrent /jobs interactions, ${ROUNDS} rounds (after a warm-up);` +
      ` bot in its own process`,
  );
  console.log(line('dispatch -> callback', command, 50));
  console.log(line('dispatch -> wizard shown', commandShown));
  console.log(line('component -> update', click, 100));
  console.log(
    `  deferred first           ${deferred} of ${interactions} (the rest answered at once)`,
  );
  console.log(
    `  CPU per interaction      bot ${ms(botMs / interactions)}, fake Discord ` +
      `${ms(fakeMs / interactions)} (${ms(botMs)} and ${ms(fakeMs)} CPU in ${ms(wallMs)} wall)`,
  );
  console.log(`  load average             ${load.join(' ')} on ${cpus().length} CPUs`);
  console.log(`  limit violations: ${fake.violations.length}`);
} finally {
  await stopBot(bot);
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
}
