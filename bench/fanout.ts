/**
 * Fan-out benchmark: `uptime` on 20 and 50 sshd instances on loopback. jobdeck's runner
 * (recording every run in SQLite) against parallel-ssh and a sequential ssh loop, cold and warm.
 * Run: npx tsx bench/fanout.ts
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Sshd } from '../test/setup/sshd.js';
import {
  bareClient,
  bareExec,
  benchUser,
  jobdeckFor,
  seconds,
  sshOptions,
  startServers,
  uptime,
} from './ssh-support.js';

const SIZES = [20, 50];

async function timed(work: () => Promise<void> | void): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function jobdeckRound(jobdeck: Awaited<ReturnType<typeof jobdeckFor>>, count: number) {
  const submitted = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      jobdeck.runner.submit({
        item: uptime,
        server: `s${i}`,
        values: {},
        actor: 'bench',
        trigger: 'manual',
      }),
    ),
  );
  const runs = await Promise.all(submitted.map((s) => s.done));
  const failed = runs.filter((r) => r.status !== 'success');
  if (failed.length > 0) throw new Error(`${failed.length} runs failed: ${failed[0]?.error}`);
}

/** Bare ssh2 in one process, no recording: connect to all and run, then run again. */
async function bare(servers: Sshd[]): Promise<{ cold: number; warm: number }> {
  let clients: Awaited<ReturnType<typeof bareClient>>[] = [];
  const cold = await timed(async () => {
    clients = await Promise.all(servers.map(bareClient));
    await Promise.all(clients.map((c) => bareExec(c, 'uptime')));
  });
  const warm = await timed(() => Promise.all(clients.map((c) => bareExec(c, 'uptime'))).then());
  for (const client of clients) client.end();
  return { cold, warm };
}

function pssh(servers: Sshd[]): void {
  const hosts = join(servers[0]?.dir ?? '/tmp', `hosts-${servers.length}`);
  writeFileSync(hosts, servers.map((s) => `${s.host}:${s.port}`).join('\n'));
  const first = servers[0] as Sshd;
  const options = sshOptions(first);
  const args = ['-h', hosts, '-p', String(servers.length), '-l', first.user, '-t', '60'];
  for (let i = 0; i < options.length; i += 2) {
    if (options[i] === '-o') args.push('-O', options[i + 1] ?? '');
  }
  args.push('-x', `-i ${first.clientKey}`, 'uptime');
  const result = spawnSync('parallel-ssh', args, { encoding: 'utf8' });
  const ok = (result.stdout.match(/\[SUCCESS\]/g) ?? []).length;
  if (ok !== servers.length) throw new Error(`parallel-ssh: ${ok} of ${servers.length} succeeded`);
}

function sequential(servers: Sshd[]): void {
  for (const s of servers) {
    const target = `${s.user}@${s.host}`;
    const result = spawnSync('ssh', [...sshOptions(s), '-p', String(s.port), target, 'uptime']);
    if (result.status !== 0) throw new Error(`ssh to port ${s.port} failed: ${result.stderr}`);
  }
}

async function measure(servers: Sshd[]): Promise<void> {
  const count = servers.length;
  const jobdeck = await jobdeckFor(servers);
  const cold = await timed(() => jobdeckRound(jobdeck, count));
  const warmRounds: number[] = [];
  for (let i = 0; i < 5; i++) warmRounds.push(await timed(() => jobdeckRound(jobdeck, count)));
  await jobdeck.close();
  const warm = Math.min(...warmRounds);
  const plain = await bare(servers);
  const parallel = await timed(() => pssh(servers));
  const loop = await timed(() => sequential(servers));

  const row = (label: string, ms: number) => console.log(`  ${label.padEnd(44)}${seconds(ms)}`);
  console.log(`\n${count} hosts, uptime`);
  row('jobdeck cold (connect, run, record)', cold);
  row('jobdeck warm (open connections, best of 5)', warm);
  row('bare ssh2, one process, cold (no recording)', plain.cold);
  row('bare ssh2, one process, warm (no recording)', plain.warm);
  row(`parallel-ssh -p ${count}`, parallel);
  row('sequential ssh loop', loop);
  console.log(`  cold / parallel-ssh  ${(cold / parallel).toFixed(3)}x  (target at 50: <= 0.3x)`);
  console.log(`  warm / parallel-ssh  ${(warm / parallel).toFixed(3)}x  (target at 50: <= 0.06x)`);
  console.log(`  cold / sequential    ${(cold / loop).toFixed(3)}x`);
}

const user = benchUser();
const servers = await startServers(Math.max(...SIZES), user);
console.log(`fan-out benchmark: ${servers.length} sshd on 127.0.0.1, logging in as ${user}`);
try {
  for (const size of SIZES) await measure(servers.slice(0, size));
} finally {
  await Promise.all(servers.map((s) => s.stop()));
}
