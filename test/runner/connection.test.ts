import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sshServer } from '../setup/servers.js';
import { type Sshd, startSshd } from '../setup/sshd.js';
import { type Harness, makeRunner, testItem } from './harness.js';

let sshd: Sshd;
const open: Harness[] = [];
beforeAll(async () => {
  sshd = await startSshd({ maxSessions: 2 });
});
afterAll(async () => {
  for (const h of open) await h.close();
  await sshd.stop();
});

async function harness(runner: Record<string, unknown> = {}, server = {}): Promise<Harness> {
  const h = await makeRunner({ servers: [sshServer(sshd, server)], runner });
  open.push(h);
  return h;
}

function run(h: Harness, command: string) {
  const request = { item: testItem(command), server: 'box', values: {}, actor: 't' };
  return h.runner.submit({ ...request, trigger: 'manual' }).then((r) => r.done);
}

describe('one SSH connection per server', () => {
  it('reuses the connection: a second run opens no new TCP connection', async () => {
    const h = await harness();
    const before = sshd.acceptedConnections();
    expect((await run(h, 'echo one')).status).toBe('success');
    expect((await run(h, 'echo two')).status).toBe('success');
    expect(sshd.acceptedConnections() - before).toBe(1);
    expect(h.executors.connects('box')).toBe(1);
  });

  it('multiplexes runs beyond the server session limit by queueing channel opens', async () => {
    const h = await harness({}, { max_concurrent: 6 });
    const before = sshd.acceptedConnections();
    const runs = await Promise.all(
      Array.from({ length: 6 }, (_, i) => run(h, `sleep 0.3; echo run ${i}`)),
    );
    expect(runs.map((r) => r.status)).toEqual(Array(6).fill('success'));
    expect(runs.map((r) => r.output_head)).toEqual(runs.map((_, i) => `run ${i}\n`));
    expect(sshd.acceptedConnections() - before).toBe(1);
  });

  it('closes an idle connection and opens a new one for the next run', async () => {
    const h = await harness({ idle_timeout: 0.1 });
    const before = sshd.acceptedConnections();
    await run(h, 'true');
    await new Promise((r) => setTimeout(r, 500));
    expect((await run(h, 'echo again')).output_head).toBe('again\n');
    expect(sshd.acceptedConnections() - before).toBe(2);
  });

  it('reconnects when the connection dropped (sshd restarted)', async () => {
    const h = await harness();
    await run(h, 'true');
    const { port, hostKey, clientKey } = sshd;
    await sshd.stop();
    // The session process outlives the listener; end it so the connection really drops.
    await run(h, 'kill -s TERM $PPID').catch(() => undefined);
    sshd = await startSshd({ port, hostKey, clientKey, maxSessions: 2 });
    const after = await run(h, 'echo back');
    expect(after.status).toBe('success');
    expect(after.output_head).toBe('back\n');
    expect(h.executors.connects('box')).toBe(2);
  });
});
