/**
 * Warm single run: the wall time of one recorded run on an open connection, against a bare
 * ssh2 exec of the same command on an open connection; the difference is jobdeck's overhead.
 * Run: npx tsx bench/warm-run.ts
 */
import {
  bareClient,
  bareExec,
  benchUser,
  jobdeckFor,
  median,
  noop,
  startServers,
} from './ssh-support.js';

const ROUNDS = 300;
const WARM_UP = 30;

async function sample(times: number, once: () => Promise<void>): Promise<number[]> {
  const took: number[] = [];
  for (let i = 0; i < WARM_UP; i++) await once();
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await once();
    took.push(performance.now() - start);
  }
  return took;
}

const user = benchUser();
const [server] = await startServers(1, user);
if (!server) throw new Error('no sshd');
try {
  const client = await bareClient(server);
  const bare = median(await sample(ROUNDS, () => bareExec(client, 'true')));
  client.end();

  const jobdeck = await jobdeckFor([server]);
  const request = { item: noop, server: 's0', values: {}, actor: 'bench' };
  const runOnce = async () => {
    const run = await (await jobdeck.runner.submit({ ...request, trigger: 'manual' })).done;
    if (run.status !== 'success') throw new Error(`run failed: ${run.error}`);
  };
  const recorded = median(await sample(ROUNDS, runOnce));
  await jobdeck.close();

  console.log(`warm single run (\`true\`, ${ROUNDS} runs after ${WARM_UP} to warm up, as ${user})`);
  console.log(`  bare ssh2 exec on an open connection, median  ${bare.toFixed(2)} ms`);
  console.log(`  jobdeck run (queued, running, recorded), median  ${recorded.toFixed(2)} ms`);
  console.log(`  jobdeck overhead, median  ${(recorded - bare).toFixed(2)} ms  (target < 5 ms)`);
} finally {
  await server.stop();
}
