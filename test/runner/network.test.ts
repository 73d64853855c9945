import { execFileSync, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedSshd, sshServer } from '../setup/servers.js';
import { freePort } from '../setup/sshd.js';
import { type Harness, makeRunner, testItem } from './harness.js';

const sshd = sharedSshd();
const open: Harness[] = [];
afterAll(async () => {
  for (const h of open) await h.close();
});

async function runOn(server: Record<string, unknown>, runner: Record<string, unknown> = {}) {
  const h = await makeRunner({ servers: [server], runner });
  open.push(h);
  const request = { item: testItem('echo hi'), server: 'box', values: {}, actor: 't' };
  return (await h.runner.submit({ ...request, trigger: 'manual' })).done;
}

/** A TCP server that accepts and then says nothing, like a firewall that eats the handshake. */
async function silentServer(): Promise<{ port: number; close(): void }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port,
    close() {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
}

describe('network failures end the run as failure, naming the cause', () => {
  it('a closed port', async () => {
    const port = await freePort();
    const run = await runOn(sshServer(sshd, { port }));
    expect(run.status).toBe('failure');
    const hint = `is sshd running and listening on port ${port}?`;
    expect(run.error).toBe(`server box: connection refused by 127.0.0.1:${port}: ${hint}`);
  });

  it('a host name that does not resolve', async () => {
    const run = await runOn(sshServer(sshd, { host: 'no-such-host.invalid' }));
    expect(run.status).toBe('failure');
    expect(run.error).toMatch(/^server box: cannot resolve host name "no-such-host.invalid"/);
  });

  it('a key the server does not accept', async () => {
    const key = join(sshd.dir, `stranger-${process.pid}`);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', key]);
    const run = await runOn(sshServer(sshd, { private_key: key }), { retry_delay: 0 });
    expect(run.status).toBe('failure');
    expect(run.error).toContain(`refused the login of user "${sshd.user}" with key ${key}`);
  });

  it('a passphrase-protected key without its passphrase', async () => {
    const key = join(sshd.dir, `locked-${process.pid}`);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'secret words', '-f', key]);
    const run = await runOn(sshServer(sshd, { private_key: key }));
    expect(run.status).toBe('failure');
    expect(run.error).toContain(`cannot use key ${key}`);
    expect(run.error).toContain('passphrase_env');
  });

  it('logs in with a passphrase-protected key when passphrase_env names it', async () => {
    const key = join(sshd.dir, `unlocked-${process.pid}`);
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', 'open sesame', '-f', key]);
    execFileSync('sh', ['-c', `cat '${key}.pub' >> '${join(sshd.dir, 'authorized_keys')}'`]);
    process.env.JOBDECK_TEST_PASSPHRASE = 'open sesame';
    const server = sshServer(sshd, { private_key: key, passphrase_env: 'JOBDECK_TEST_PASSPHRASE' });
    const run = await runOn(server);
    expect(run.status).toBe('success');
  });

  it('logs in through ssh-agent when agent is true', async () => {
    const socket = join(sshd.dir, `agent-${process.pid}.sock`);
    const agent = spawn('ssh-agent', ['-D', '-a', socket], { stdio: 'ignore' });
    try {
      for (let i = 0; i < 100 && !existsSync(socket); i++)
        await new Promise((r) => setTimeout(r, 20));
      execFileSync('ssh-add', ['-q', sshd.clientKey], { env: { SSH_AUTH_SOCK: socket } });
      const previous = process.env.SSH_AUTH_SOCK;
      process.env.SSH_AUTH_SOCK = socket;
      const run = await runOn(sshServer(sshd, { private_key: undefined, agent: true }));
      expect(run.status).toBe('success');
      expect(run.output_head).toBe('hi\n');
      if (previous === undefined) delete process.env.SSH_AUTH_SOCK;
      else process.env.SSH_AUTH_SOCK = previous;
    } finally {
      agent.kill();
    }
  });

  it('a server that accepts TCP but never speaks SSH: the connect timeout ends it', async () => {
    const silent = await silentServer();
    try {
      const run = await runOn(sshServer(sshd, { port: silent.port }), { connect_timeout: 0.5 });
      expect(run.status).toBe('failure');
      expect(run.error).toContain(`no SSH handshake from 127.0.0.1:${silent.port} within 0.5 s`);
    } finally {
      silent.close();
    }
  });
});
