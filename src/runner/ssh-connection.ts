/** One server's SSH connection: opened on demand, shared by exec channels, closed when idle. */
import { JobdeckError } from '../errors.js';
import type { Logger } from '../log.js';
import { connectSsh, type SshTarget } from './ssh-connect.js';
import type { SshChannel, SshClient } from './ssh-types.js';

export interface ConnectionOptions {
  target: SshTarget;
  idleTimeoutMs: number;
  /** Channels opened at once; lowered when the server refuses more (its MaxSessions). */
  maxChannels: number;
  logger: Logger;
}

interface Waiter {
  resolve(): void;
  reject(error: Error): void;
}

export interface ExecHooks {
  /** Goes to the front of the queue (stopping a process must not wait behind new runs). */
  urgent?: boolean;
  /**
   * Called as soon as the channel opens, before any await: ssh2 may emit the command's
   * 'exit' in the same read as the open confirmation, and a later listener would miss it.
   */
  onOpen?: (channel: SshChannel) => void;
}

type OnOpen = (channel: SshChannel) => void;

function execOn(client: SshClient, command: string, onOpen: OnOpen): Promise<SshChannel> {
  return new Promise((resolve, reject) => {
    try {
      client.exec(command, (error, channel) => {
        if (error) return reject(error);
        onOpen(channel);
        resolve(channel);
      });
    } catch (error) {
      reject(error);
    }
  });
}

const isOpenRefusal = (error: unknown) =>
  error instanceof Error && error.message.startsWith('(SSH) Channel open failure');

export class SshConnection {
  /** TCP connections opened so far; a reused connection does not add one. */
  connects = 0;
  private client: SshClient | undefined;
  private connecting: Promise<SshClient> | undefined;
  private open = 0;
  private limit: number;
  private readonly waiting: Waiter[] = [];
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: ConnectionOptions) {
    this.limit = options.maxChannels;
  }

  /** Opens an exec channel on the shared connection, connecting first when needed. */
  async exec(command: string, hooks: ExecHooks = {}): Promise<SshChannel> {
    const onOpen: OnOpen = (channel) => {
      let released = false;
      channel.on('close', () => {
        if (!released) this.release();
        released = true;
      });
      hooks.onOpen?.(channel);
    };
    for (;;) {
      await this.acquire(hooks.urgent ?? false);
      try {
        return await this.openChannel(command, onOpen);
      } catch (error) {
        this.release();
        if (!isOpenRefusal(error) || this.open === 0) throw this.wrap(error);
        this.limit = Math.max(1, this.open);
      }
    }
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.idleTimer);
    this.client?.end();
    this.client = undefined;
    const error = new JobdeckError('ssh_unreachable', 'jobdeck is shutting down');
    for (const waiter of this.waiting.splice(0)) waiter.reject(error);
  }

  private async openChannel(command: string, onOpen: OnOpen): Promise<SshChannel> {
    const client = await this.connected();
    try {
      return await execOn(client, command, onOpen);
    } catch (error) {
      if (isOpenRefusal(error)) throw error;
      // The connection dropped under us: forget it and try once on a fresh one.
      this.forget(client);
      return execOn(await this.connected(), command, onOpen);
    }
  }

  private connected(): Promise<SshClient> {
    if (this.client) return Promise.resolve(this.client);
    this.connecting ??= connectSsh(this.options.target)
      .then((client) => this.adopt(client))
      .finally(() => {
        this.connecting = undefined;
      });
    return this.connecting;
  }

  private adopt(client: SshClient): SshClient {
    const { server } = this.options.target;
    this.connects += 1;
    this.client = client;
    this.options.logger.info({ server: server.name, host: server.host }, 'ssh connected');
    client.on('close', () => this.forget(client));
    client.on('error', (error) => {
      this.options.logger.warn({ server: server.name, err: error.message }, 'ssh connection error');
    });
    if (this.closed) client.end();
    return client;
  }

  private forget(client: SshClient): void {
    if (this.client !== client) return;
    this.client = undefined;
    client.destroy();
  }

  private acquire(urgent: boolean): Promise<void> {
    if (this.closed) return Promise.reject(new JobdeckError('ssh_unreachable', 'pool closed'));
    clearTimeout(this.idleTimer);
    if (this.open < this.limit) {
      this.open += 1;
      return Promise.resolve();
    }
    return new Promise((resolve, reject) => {
      const waiter = { resolve, reject };
      if (urgent) this.waiting.unshift(waiter);
      else this.waiting.push(waiter);
    });
  }

  private release(): void {
    const next = this.open <= this.limit ? this.waiting.shift() : undefined;
    if (next) {
      next.resolve();
      return;
    }
    this.open -= 1;
    if (this.open === 0 && this.waiting.length === 0) this.armIdle();
  }

  private armIdle(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      const client = this.client;
      this.client = undefined;
      client?.end();
    }, this.options.idleTimeoutMs);
    this.idleTimer.unref();
  }

  private wrap(error: unknown): Error {
    if (error instanceof JobdeckError) return error;
    const { server } = this.options.target;
    const text = error instanceof Error ? error.message : String(error);
    return new JobdeckError('ssh_unreachable', `server ${server.name}: ${text}`, { cause: error });
  }
}
