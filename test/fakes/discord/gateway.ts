/** The gateway WebSocket: HELLO, heartbeats, IDENTIFY/READY, RESUME with replay, dispatches. */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { sessionId } from './ids.js';
import { type FakeUser, userObject } from './objects.js';
import type { JsonObject } from './types.js';

export interface GatewaySetup {
  token: string;
  heartbeatIntervalMs: number;
  applicationId: string;
  bot: FakeUser;
  resumeUrl(): string;
  guilds(): JsonObject[];
}

export interface GatewayStats {
  connections: number;
  identifies: number;
  resumes: number;
  heartbeats: number;
  /** Dispatches sent again on a RESUME because the client missed them. */
  replayed: number;
  /** The URL each connection asked for, query included (`/gateway?v=10&encoding=json`). */
  urls: string[];
  /** Every frame clients sent, in order. */
  received: JsonObject[];
}

const SESSION_EVENTS = new Set(['READY', 'RESUMED']);

interface Frame {
  op: number;
  d: unknown;
  s: number | null;
  t: string | null;
}

interface Session {
  id: string;
  seq: number;
  log: Frame[];
  socket: WebSocket | null;
  ended: boolean;
}

export class FakeGateway {
  readonly stats: GatewayStats = {
    connections: 0,
    identifies: 0,
    resumes: 0,
    heartbeats: 0,
    replayed: 0,
    urls: [],
    received: [],
  };
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly setup: GatewaySetup) {
    this.server.on('connection', (socket, req) => this.open(socket, req));
  }

  upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(req, socket, head, (ws) => this.server.emit('connection', ws, req));
  }

  /** Sends an event to every live session; a session whose socket is down gets it on RESUME. */
  dispatch(t: string, d: unknown): void {
    for (const session of this.sessions.values()) {
      if (!session.ended) this.sendDispatch(session, t, d);
    }
  }

  /** Cuts every connection without a close frame, as a network failure would (code 1006). */
  dropConnection(): void {
    for (const session of this.sessions.values()) session.socket?.terminate();
  }

  /** Asks every client to reconnect and resume (opcode 7). */
  requestReconnect(): void {
    for (const session of this.sessions.values()) send(session.socket, { op: 7, d: null });
  }

  /** Tells every client its session is gone (opcode 9); with `resumable`, it may resume. */
  invalidateSession(resumable = false): void {
    for (const session of this.sessions.values()) {
      if (!resumable) session.ended = true;
      send(session.socket, { op: 9, d: resumable });
    }
  }

  close(): void {
    for (const client of this.server.clients) client.terminate();
    this.server.close();
  }

  private open(socket: WebSocket, req: IncomingMessage): void {
    this.stats.connections += 1;
    this.stats.urls.push(req.url ?? '');
    const query = new URL(req.url ?? '/', 'ws://127.0.0.1').searchParams;
    if (query.get('v') !== '10') {
      socket.close(4012, 'Invalid API version.');
      return;
    }
    if (query.get('encoding') !== 'json') {
      socket.close(4002, 'Error while decoding payload.');
      return;
    }
    let session: Session | null = null;
    socket.on('message', (raw) => {
      const frame = parse(String(raw));
      if (frame) this.stats.received.push(frame as unknown as JsonObject);
      session = frame
        ? this.receive(socket, session, frame)
        : close(socket, 4002, 'Error while decoding payload.', session);
    });
    socket.on('close', (code) => {
      if (session?.socket === socket) session.socket = null;
      if (session && (code === 1000 || code === 1001)) session.ended = true;
    });
    send(socket, { op: 10, d: { heartbeat_interval: this.setup.heartbeatIntervalMs } });
  }

  private receive(socket: WebSocket, session: Session | null, frame: Frame): Session | null {
    if (frame.op === 1) {
      this.stats.heartbeats += 1;
      send(socket, { op: 11, d: null });
      return session;
    }
    if (frame.op === 2 || frame.op === 6) {
      if (session) return close(socket, 4005, 'Already authenticated.', session);
      const d = (frame.d ?? {}) as JsonObject;
      if (d.token !== this.setup.token) return close(socket, 4004, 'Authentication failed.', null);
      return frame.op === 2 ? this.identify(socket) : this.resume(socket, d);
    }
    if (!session) return close(socket, 4003, 'Not authenticated.', null);
    if (![3, 4, 8].includes(frame.op)) return close(socket, 4001, 'Unknown opcode.', session);
    return session;
  }

  private identify(socket: WebSocket): Session {
    this.stats.identifies += 1;
    const session: Session = { id: sessionId(), seq: 0, log: [], socket, ended: false };
    this.sessions.set(session.id, session);
    const guilds = this.setup.guilds();
    this.sendDispatch(session, 'READY', {
      v: 10,
      user: { ...userObject(this.setup.bot), verified: true, mfa_enabled: false },
      guilds: guilds.map((guild) => ({ id: guild.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.setup.resumeUrl(),
      shard: [0, 1],
      application: { id: this.setup.applicationId, flags: 0 },
      private_channels: [],
      presences: [],
      relationships: [],
      user_settings: {},
      geo_ordered_rtc_regions: [],
      _trace: ['["fake-discord",{"micros":0}]'],
    });
    for (const guild of guilds) this.sendDispatch(session, 'GUILD_CREATE', guild);
    return session;
  }

  private resume(socket: WebSocket, d: JsonObject): Session | null {
    const session = this.sessions.get(String(d.session_id));
    if (!session || session.ended) {
      send(socket, { op: 9, d: false });
      return null;
    }
    this.stats.resumes += 1;
    session.socket?.terminate();
    session.socket = socket;
    const from = typeof d.seq === 'number' ? d.seq : 0;
    const missed = session.log.filter((f) => (f.s ?? 0) > from && !SESSION_EVENTS.has(f.t ?? ''));
    for (const frame of missed) send(socket, frame);
    this.stats.replayed += missed.length;
    this.sendDispatch(session, 'RESUMED', null);
    return session;
  }

  private sendDispatch(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    const frame: Frame = { op: 0, t, s: session.seq, d };
    session.log.push(frame);
    send(session.socket, frame);
  }
}

function send(socket: WebSocket | null, frame: Partial<Frame>): void {
  if (socket?.readyState !== 1) return;
  socket.send(JSON.stringify({ s: null, t: null, ...frame }));
}

function close(socket: WebSocket, code: number, reason: string, keep: Session | null) {
  socket.close(code, reason);
  return keep;
}

function parse(raw: string): Frame | null {
  try {
    const frame = JSON.parse(raw) as Frame;
    return typeof frame?.op === 'number' ? frame : null;
  } catch {
    return null;
  }
}
