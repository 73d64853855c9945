/** Socket Mode: one-use tickets, hello, envelopes and acks, disconnects, dropped sockets. */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { AckBook } from './acks.js';
import type { Ack, Envelope } from './types.js';
import type { Workspace } from './workspace.js';

export interface SocketOptions {
  ws: Workspace;
  wsBaseUrl: string;
  /** Server pings every so often, as Slack does; 0 sends none. */
  pingIntervalMs: number;
  /** Slack's 3-second rule: a later ack is recorded as a violation. */
  ackDeadlineMs: number;
  onAck: (ack: Ack, envelope: Envelope) => void;
}

const MAX_CONNECTIONS = 10;

export class SocketModeServer {
  readonly envelopes: Envelope[] = [];
  /** Connections opened so far, closed ones included. */
  connectionCount = 0;
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly open: WebSocket[] = [];
  private readonly connectionWaiters = new Set<() => void>();
  private readonly book: AckBook;

  constructor(private readonly options: SocketOptions) {
    this.book = new AckBook(options.ws, options.ackDeadlineMs, options.onAck);
  }

  get acks(): Ack[] {
    return this.book.acks;
  }

  get openCount(): number {
    return this.open.length;
  }

  issueUrl(): string {
    const ticket = this.options.ws.nextId('', 24).toLowerCase();
    this.tickets.add(ticket);
    const appId = this.options.ws.identity.appId;
    return `${this.options.wsBaseUrl}/socket?ticket=${ticket}&app_id=${appId}`;
  }

  /** Accepts an upgrade only with a ticket from apps.connections.open, used once. */
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (url.pathname !== '/socket' || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    this.server.handleUpgrade(req, socket, head, (client) => this.accept(client));
  }

  private accept(client: WebSocket): void {
    this.connectionCount += 1;
    this.open.push(client);
    if (this.open.length > MAX_CONNECTIONS) {
      this.options.ws.report('socket', 'too_many_connections', `${this.open.length} open`);
    }
    const ping =
      this.options.pingIntervalMs > 0
        ? setInterval(() => client.ping(), this.options.pingIntervalMs)
        : undefined;
    client.on('message', (data, isBinary) => {
      if (!isBinary) this.book.receive(data.toString());
    });
    client.on('close', () => {
      clearInterval(ping);
      const index = this.open.indexOf(client);
      if (index >= 0) this.open.splice(index, 1);
    });
    client.on('error', () => undefined);
    client.send(JSON.stringify(this.hello()));
    for (const wake of this.connectionWaiters) wake();
  }

  private hello(): object {
    return {
      type: 'hello',
      num_connections: this.open.length,
      debug_info: { host: 'applink-fake-1', build_number: 1, approximate_connection_time: 18060 },
      connection_info: { app_id: this.options.ws.identity.appId },
    };
  }

  /** Sends an envelope on the newest connection and resolves with the client's ack. */
  async deliver(envelope: Envelope, timeoutMs: number): Promise<Ack> {
    const client = await this.newestOpen(timeoutMs);
    this.envelopes.push(envelope);
    const acked = this.book.expect(envelope, timeoutMs);
    client.send(JSON.stringify(envelope));
    return acked;
  }

  /** Resolves once `count` connections have been opened in total and one is open now. */
  async waitForConnections(count: number, timeoutMs: number): Promise<void> {
    await this.until(() => this.connectionCount >= count && this.open.length > 0, timeoutMs);
  }

  private async newestOpen(timeoutMs: number): Promise<WebSocket> {
    await this.until(() => this.open.length > 0, timeoutMs);
    return this.open.at(-1)!;
  }

  private until(ready: () => boolean, timeoutMs: number): Promise<void> {
    if (ready()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const wake = () => {
        if (!ready()) return;
        cleanup();
        resolve();
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`Socket Mode: no open connection within ${timeoutMs} ms`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.connectionWaiters.delete(wake);
      };
      this.connectionWaiters.add(wake);
    });
  }

  /**
   * Sends a disconnect message on the newest connection and waits for the client to close it,
   * as the SDK does; closes it from this side after `graceMs` otherwise.
   */
  async disconnect(reason: string, graceMs: number): Promise<'client' | 'server'> {
    const client = this.open.at(-1);
    if (!client) throw new Error('Socket Mode: no open connection to disconnect');
    const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
    let closedBy: 'client' | 'server' = 'client';
    const force = setTimeout(() => {
      closedBy = 'server';
      client.close(1001, reason);
    }, graceMs);
    client.send(
      JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-fake-1' } }),
    );
    await closed;
    clearTimeout(force);
    return closedBy;
  }

  /** Kills the newest connection's TCP socket without a close frame. */
  dropSocket(): void {
    const client = this.open.at(-1);
    if (!client) throw new Error('Socket Mode: no open connection to drop');
    client.terminate();
  }

  /** Rejects pending acks, closes each socket (a stopped client has begun closing already). */
  async close(): Promise<void> {
    this.book.rejectAll('fake Slack closed');
    await Promise.all(this.open.map((client) => closeGently(client)));
    this.server.close();
  }
}

function closeGently(client: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => client.terminate(), 1000);
    client.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
    if (client.readyState === client.OPEN) client.close(1001, 'fake Slack closing');
  });
}
