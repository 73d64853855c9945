import { EventEmitter } from 'node:events';
import { createServer, type Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFrom } from '../../src/config/load.js';
import { silentLogger } from '../../src/log.js';
import { Executors } from '../../src/runner/executors.js';
import { fingerprint } from '../../src/runner/host-keys.js';
import type { SshChannel, SshClient, SshConnectOptions } from '../../src/runner/ssh-types.js';
import { openStore, type Store } from '../../src/store/db.js';

/** A channel whose command ends at once, as a fast shell on a fast link does. */
class InstantChannel extends EventEmitter {
  readonly stderr = new PassThrough();
  close(): void {}
}

/**
 * An ssh2 stand-in (through jobdeck's own seam) that delivers the open confirmation, the output
 * and the exit status in one go, the way one TCP read can carry them all.
 */
class InstantClient extends EventEmitter implements SshClient {
  connect(options: SshConnectOptions) {
    options.hostVerifier(Buffer.from('fake host key'), () => {});
    setImmediate(() => this.emit('ready'));
    return this;
  }
  exec(_command: string, callback: (error: Error | undefined, channel: SshChannel) => void) {
    const channel = new InstantChannel();
    callback(undefined, channel as unknown as SshChannel);
    channel.emit('data', Buffer.from('4242\nfast\n'));
    channel.emit('exit', 0);
    setImmediate(() => channel.emit('close'));
    return true;
  }
  end() {}
  destroy() {}
}

const sockets: Socket[] = [];
const listener = createServer((socket) => sockets.push(socket));
let store: Store;
beforeAll(async () => {
  await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
  store = await openStore(':memory:');
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  listener.close();
  await store.close();
});

describe('the ssh2 seam', () => {
  it('sees an exit status that arrives together with the channel opening', async () => {
    const address = listener.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    const config = configFrom({
      servers: [{ name: 'fast', host: '127.0.0.1', port, user: 'me', agent: true }],
    });
    const executors = new Executors({
      db: store.db,
      servers: config.servers,
      runner: config.runner,
      logger: silentLogger(),
      env: { SSH_AUTH_SOCK: '/nonexistent' },
      factory: () => new InstantClient(),
    });
    const host_key = fingerprint(Buffer.from('fake host key'));
    const row = { name: 'fast', host: '127.0.0.1', port, transport: 'ssh' as const, labels: '[]' };
    await store.db
      .insertInto('servers')
      .values({ ...row, host_key, updated_at: 0 })
      .execute();

    const captured = await executors.capture('fast', { command: 'echo fast' }, 5);
    expect(captured).toEqual({ exitCode: 0, signal: null, stdout: 'fast\n', stderr: '' });
    await executors.close();
  });
});
