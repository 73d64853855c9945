/**
 * Discord benchmark: 50 concurrent `/jobs` interactions through the fake gateway into the real
 * discord.js and the Discord adapter: dispatch to interaction callback (p50/p99), then a button
 * on each wizard message to its update (p50/p99).
 * Run: node --import tsx bench/discord.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { DiscordPlatform } from '../src/chat/discord/adapter.js';
import { configFrom } from '../src/config/load.js';
import { Conversation } from '../src/conversation/conversation.js';
import { silentLogger } from '../src/log.js';
import { conversationDeps } from '../src/wiring/conversation-deps.js';
import { flatten, objects } from '../test/fakes/discord/limits-message.js';
import {
  type FakeDiscord,
  type InteractionHandle,
  startFakeDiscord,
} from '../test/fakes/discord.js';

const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 50);
const ROUNDS = 4;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Milliseconds from now until the fake has recorded the interaction's callback. */
async function timed(
  start: () => InteractionHandle,
): Promise<{ ms: number; handle: InteractionHandle }> {
  const at = performance.now();
  const handle = start();
  await handle.callback(10_000);
  return { ms: performance.now() - at, handle };
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
  return { command: commands.map((c) => c.ms), click: clicks.map((c) => c.ms) };
}

const dir = mkdtempSync(join(tmpdir(), 'jobdeck-bench-discord-'));
const fake = await startFakeDiscord();
const config = configFrom({
  database: join(dir, 'bench.db'),
  timezone: 'UTC',
  servers: [{ name: 'local', transport: 'local' }],
  discord: { api_url: fake.apiUrl, guild_ids: [fake.guildId] },
  access: {
    grants: { admin: { discord_users: ['*'] } },
    approval: { difficulties: [] },
    rate_limit: 0,
  },
});
const app = await createApp(config, { logger: silentLogger() });
const conversation = new Conversation(conversationDeps(app));
const platform = new DiscordPlatform({
  app,
  conversation,
  logger: silentLogger(),
  token: fake.token,
  config: config.discord,
});
await platform.start();

const users = Array.from({ length: CONCURRENT }, (_, i) => ({
  id: String(900_000_000_000_000_000n + BigInt(i)),
  username: `user${i}`,
}));
await round(fake, users);
const command: number[] = [];
const click: number[] = [];
const cpuBefore = process.cpuUsage();
const wallBefore = performance.now();
for (let i = 0; i < ROUNDS; i += 1) {
  const figures = await round(fake, users);
  command.push(...figures.command);
  click.push(...figures.click);
}
const cpu = process.cpuUsage(cpuBefore);
const cpuMs = (cpu.user + cpu.system) / 1000;
const wallMs = performance.now() - wallBefore;
command.sort((a, b) => a - b);
click.sort((a, b) => a - b);

const ms = (n: number) => `${n.toFixed(1)} ms`;
console.log(
  `discord: ${CONCURRENT} concurrent /jobs interactions, ${ROUNDS} rounds (after a warm-up)`,
);
console.log(
  `  dispatch -> callback   p50 ${ms(percentile(command, 50))}  ` +
    `p99 ${ms(percentile(command, 99))}` +
    `  max ${ms(command.at(-1) ?? NaN)}  (target p99 < 50 ms)`,
);
console.log(
  `  component -> update    p50 ${ms(percentile(click, 50))}  p99 ${ms(percentile(click, 99))}` +
    `  max ${ms(click.at(-1) ?? NaN)}  (target p99 < 100 ms)`,
);
console.log(
  `  CPU per interaction    ${ms(cpuMs / (2 * ROUNDS * CONCURRENT))} (bot and fake Discord in one` +
    ` process; ${ms(cpuMs)} CPU in ${ms(wallMs)} wall)`,
);
console.log(`  limit violations: ${fake.violations.length}`);

await platform.stop();
await app.close();
await fake.close();
rmSync(dir, { recursive: true, force: true });
