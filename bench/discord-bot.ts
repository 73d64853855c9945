/**
 * The jobdeck bot for bench/discord.ts, in its own process: built by startJobdeck as
 * `jobdeck start` builds it, logged in to the fake Discord named by the environment.
 * Environment: BENCH_DISCORD_API (the fake's api URL), DISCORD_TOKEN, BENCH_GUILD_ID,
 * BENCH_DATABASE (a temp SQLite file), BENCH_ADMINS (comma-separated Discord user ids).
 * Over IPC it sends `ready` once started, answers `cpu` with process.cpuUsage(), and stops
 * and exits on `stop` (or when the parent goes away).
 */
import { Readable, Writable } from 'node:stream';
import { configFrom } from '../src/config/load.js';
import { silentLogger } from '../src/log.js';
import { startJobdeck } from '../src/main.js';

export type BotMessage =
  | { type: 'ready' }
  | { type: 'cpu'; user: number; system: number }
  | { type: 'failed'; error: string };
export type ParentMessage = { type: 'cpu' } | { type: 'stop' };

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`bench/discord-bot.ts needs ${name} in the environment`);
  return value;
}

function send(message: BotMessage): void {
  process.send?.(message);
}

const admins = required('BENCH_ADMINS')
  .split(',')
  .map((id) => `discord:${id}`);
const config = configFrom({
  database: required('BENCH_DATABASE'),
  timezone: 'UTC',
  servers: [{ name: 'local', transport: 'local' }],
  discord: { api_url: required('BENCH_DISCORD_API'), guild_ids: [required('BENCH_GUILD_ID')] },
  access: { admins, approval: { difficulties: [] }, rate_limit: 0 },
});
required(config.discord.token_env);

let running: Awaited<ReturnType<typeof startJobdeck>>;
try {
  running = await startJobdeck(config, {
    logger: silentLogger(),
    env: process.env,
    stdin: Readable.from([]),
    stdout: new Writable({ write: (_chunk, _encoding, done) => done() }),
  });
} catch (error) {
  send({ type: 'failed', error: String(error) });
  process.exit(1);
}
if (running.platforms.length !== 1) {
  send({ type: 'failed', error: `expected Discord alone, got ${running.platforms.length}` });
  process.exit(1);
}

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  await running.stop().catch(() => undefined);
  process.exit(0);
}

process.on('message', (message: ParentMessage) => {
  if (message.type === 'cpu') send({ type: 'cpu', ...process.cpuUsage() });
  else if (message.type === 'stop') void stop();
});
process.on('disconnect', () => void stop());
send({ type: 'ready' });
