/**
 * Memory: resident size of a whole jobdeck (catalog, runner, scheduler, outbox) idle, and its
 * peak during a run that prints 50 MB over SSH.
 * Run: npx tsx bench/memory.ts (the figures then include tsx's own loader, printed first), or
 * compiled, as jobdeck runs in production:
 *   npx tsc -p tsconfig.json --noEmit false --outDir dist/bench-build
 *   node dist/bench-build/bench/memory.js
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { itemSchema } from '../src/catalog/schema.js';
import { configFrom } from '../src/config/load.js';
import { silentLogger } from '../src/log.js';
import { benchUser, startServers } from './ssh-support.js';

const MB = 1024 * 1024;
const rss = () => process.memoryUsage().rss / MB;
// Before jobdeck's modules load: node itself, plus tsx when run through it.
const baseline = rss();
const { createApp } = await import('../src/app.js');

const flood = itemSchema.parse({
  name: 'flood',
  display_name: 'Fifty megabytes of output',
  category: 'bench',
  command: 'seq 1 800000 | awk \'{ printf "%063d\\n", $1 }\'',
});

const user = benchUser();
const [server] = await startServers(1, user);
if (!server) throw new Error('no sshd');
const dir = mkdtempSync(join(tmpdir(), 'jobdeck-bench-memory-'));
const config = configFrom({
  database: join(dir, 'jobdeck.db'),
  servers: [
    {
      name: 'box',
      host: server.host,
      port: server.port,
      user: server.user,
      private_key: server.clientKey,
      host_key: server.hostKeyFingerprint,
    },
  ],
});
const app = await createApp(config, { logger: silentLogger() });
try {
  await app.scheduler.start();
  const request = { server: 'box', values: {}, actor: 'bench', trigger: 'manual' as const };
  const warm = app.catalog.get('disk_usage');
  if (warm) await (await app.runner.submit({ ...request, item: warm })).done;
  await new Promise((r) => setTimeout(r, 2000));
  global.gc?.();
  const idle = rss();

  let peak = idle;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rss());
  }, 10);
  const run = await (await app.runner.submit({ ...request, item: flood })).done;
  clearInterval(sampler);
  peak = Math.max(peak, rss());

  console.log(`memory (resident set size, as ${user}${global.gc ? ', after gc' : ''})`);
  console.log(`  node before jobdeck is loaded  ${baseline.toFixed(1)} MB`);
  console.log(`  idle, app built and one run done  ${idle.toFixed(1)} MB  (target < 120 MB)`);
  console.log(
    `  peak during a ${(run.output_bytes / 1e6).toFixed(1)} MB-output run  ` +
      `${peak.toFixed(1)} MB  (target < 150 MB)`,
  );
  const kept = run.output_head.length + run.output_tail.length;
  console.log(`  run ${run.status}; head and tail keep ${kept} bytes`);
} finally {
  await app.close();
  await server.stop();
}
