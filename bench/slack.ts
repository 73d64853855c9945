/**
 * Slack benchmark: 50 concurrent `/jobs` through the fake's Socket Mode into the real Bolt and
 * the Slack adapter. Figures (p50/p99, ms): slash command to ack; a menu pick in each wizard
 * modal to its views.update; a form submit to its acknowledgement carrying the next view; the
 * search sub-dialog's submit to the views.update of the wizard below; a Run again button to
 * chat.postMessage of the run card and to the chat.update carrying its result (a job that
 * echoes on this machine). The wizard figures cover three rounds after one warm-up round.
 * Run: node --import tsx bench/slack.ts
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { SlackPlatform } from '../src/chat/slack/adapter.js';
import { configFrom } from '../src/config/load.js';
import { Conversation } from '../src/conversation/conversation.js';
import { createLogger, silentLogger } from '../src/log.js';
import { conversationDeps } from '../src/wiring/conversation-deps.js';
import { actionIdIn, buttonId } from '../test/chat/slack/harness.js';
import { type FakeSlack, type Json, startFakeSlack } from '../test/fakes/slack.js';

const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 50);
/** Measured rounds of CONCURRENT wizards, after one round that warms up. */
const ROUNDS = 3;
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

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function report(name: string, values: number[]): void {
  const sorted = [...values].sort((a, b) => a - b);
  const p50 = percentile(sorted, 50).toFixed(1);
  const p99 = percentile(sorted, 99).toFixed(1);
  console.log(`${name.padEnd(44)} p50 ${p50.padStart(7)} ms   p99 ${p99.padStart(7)} ms`);
}

/** Milliseconds from now until `done` settles. */
async function timed<T>(start: () => Promise<unknown>, done: () => Promise<T>) {
  const at = performance.now();
  const waiting = done();
  await start();
  const value = await waiting;
  return { ms: performance.now() - at, value };
}

const viewIdOf = (call: { response: Json }) => String((call.response.view as Json).id);

async function wizardFlow(fake: FakeSlack, user: string, ms: Record<string, number[]>) {
  const push = (name: string, value: number) => {
    ms[name] = [...(ms[name] ?? []), value];
  };
  const mine = (_a: Json, c: { response: Json }) =>
    c.response.ok === true && fake.topView(user)?.id === viewIdOf(c);
  const open = fake.nextCall('views.open', mine, 30_000);
  const ack = await timed(
    () => Promise.resolve(),
    () => fake.sendSlashCommand({ user }),
  );
  push('/jobs -> ack', ack.ms);
  const viewId = viewIdOf(await open);

  const blocks = () => fake.view(viewId)!.blocks;
  const searched = await timed(
    () => fake.sendBlockActions({ user, viewId, actionId: actionIdIn(blocks(), 'w.search') }),
    () => fake.nextCall('views.push', mine, 30_000),
  );
  const searchView = viewIdOf(searched.value);
  const back = await timed(
    () => fake.sendViewSubmission({ user, viewId: searchView, inputs: { words: 'hello' } }),
    () => fake.nextCall('views.update', (a) => a.view_id === viewId, 30_000),
  );
  push('search submit -> views.update (wizard)', back.ms);

  const picked = await timed(
    () =>
      fake.sendBlockActions({
        user,
        viewId,
        actionId: actionIdIn(blocks(), 'w.item'),
        value: 'hello',
      }),
    () => fake.nextCall('views.update', (a) => a.view_id === viewId, 30_000),
  );
  push('menu pick in modal -> views.update', picked.ms);

  const at = performance.now();
  const answer = await fake.sendViewSubmission({ user, viewId, inputs: { who: user } });
  if (answer.payload.response_action !== 'update') throw new Error('no next view');
  push('submit -> ack with the next view', performance.now() - at);
}

async function runAgainFlow(fake: FakeSlack, user: string, card: string, ms: number[][]) {
  const message = fake.messages().find((m) => m.ts === card)!;
  const at = performance.now();
  const posted = fake.nextCall(
    'chat.postMessage',
    (a) => a.thread_ts === card && String(a.text).includes('Quick'),
    30_000,
  );
  await fake.sendBlockActions({
    user,
    messageTs: card,
    actionId: buttonId(message.blocks, 'Run again'),
  });
  const ts = String((await posted).response.ts);
  ms[0]!.push(performance.now() - at);
  await fake.nextCall(
    'chat.update',
    (a) => a.ts === ts && String(a.text).includes('succeeded'),
    30_000,
  );
  ms[1]!.push(performance.now() - at);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'jobdeck-bench-slack-'));
  writeFileSync(join(dir, 'bench.yaml'), CATALOG);
  const config = configFrom({
    database: join(dir, 'bench.db'),
    timezone: 'UTC',
    catalog_dirs: [dir],
    servers: [{ name: 'local', transport: 'local', max_concurrent: 64 }],
    runner: { max_concurrent: 200 },
    access: {
      grants: { admin: { slack_users: ['*'] } },
      approval: { difficulties: [] },
      rate_limit: 0,
    },
  });
  const app = await createApp(config, { logger: silentLogger() });
  const fake = await startFakeSlack({ ackTimeoutMs: 30_000 });
  const users = Array.from({ length: CONCURRENT }, (_, i) => `U${String(i).padStart(4, '0')}`);
  for (const user of users) fake.addUser(user, user.toLowerCase());
  const platform = new SlackPlatform({
    settings: {
      botToken: fake.botToken,
      appToken: fake.appToken,
      port: 0,
      command: '/jobs',
      apiUrl: fake.apiUrl,
    },
    conversation: new Conversation(conversationDeps(app)),
    logger: createLogger({ level: 'warn' }),
  });
  try {
    await platform.start();
    await Promise.all(users.map((user) => wizardFlow(fake, user, {})));
    const ms: Record<string, number[]> = {};
    for (let round = 0; round < ROUNDS; round += 1)
      await Promise.all(users.map((user) => wizardFlow(fake, user, ms)));

    const cards = await Promise.all(
      users.map(async (user) => {
        const posted = fake.nextCall('chat.postMessage', (a) => a.thread_ts === undefined, 30_000);
        await fake.sendSlashCommand({ user, text: 'run quick local' });
        const ts = String((await posted).response.ts);
        await fake.nextCall('chat.update', (a) => a.ts === ts, 30_000);
        return ts;
      }),
    );
    const again: number[][] = [[], []];
    await Promise.all(users.map((user, i) => runAgainFlow(fake, user, cards[i]!, again)));

    const load = loadavg()[0]?.toFixed(1);
    console.log(`Slack adapter: ${CONCURRENT} concurrent users x ${ROUNDS} rounds, Socket Mode`);
    console.log(`(fake Slack in this process; load average ${load} on ${cpus().length} CPUs)`);
    for (const [name, values] of Object.entries(ms)) report(name, values);
    report('Run again button -> chat.postMessage (card)', again[0]!);
    report('Run again button -> chat.update (result)', again[1]!);
    console.log(`Slack rules broken: ${fake.violations.length}`);
  } finally {
    await platform.stop();
    await fake.close();
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
