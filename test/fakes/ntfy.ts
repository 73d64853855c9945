import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  isYes,
  NtfyRefusal,
  parseActions,
  parsePriority,
  parseTags,
  readParam,
} from './ntfy-parse.js';
import { type StoredMessage, storeMessage } from './ntfy-store.js';

export type { StoredMessage } from './ntfy-store.js';

export interface FakeNtfyOptions {
  /** Bearer tokens that may publish; with none and no users, anyone may. */
  tokens?: string[];
  /** Basic-auth users and their passwords. */
  users?: Record<string, string>;
  /** Topics no one may publish to (403). */
  forbiddenTopics?: string[];
  messageLimit?: number;
  /** Whether a body over the message limit becomes an attachment (else 400 40014). */
  attachments?: boolean;
  attachmentLimit?: number;
}

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
  status: number;
}

interface Scripted {
  status: number;
  retryAfter?: number;
}

const TOPIC = /^[-_A-Za-z0-9]{1,64}$/;
const LINK = 'https://ntfy.sh/docs/publish/';

export class FakeNtfy {
  readonly messages: StoredMessage[] = [];
  readonly requests: ReceivedRequest[] = [];
  readonly #options: FakeNtfyOptions;
  readonly #script: Scripted[] = [];
  #down = false;
  #server: Server;

  private constructor(options: FakeNtfyOptions) {
    this.#options = options;
    this.#server = createServer((req, res) => void this.#handle(req, res));
  }

  static async start(options: FakeNtfyOptions = {}): Promise<FakeNtfy> {
    const fake = new FakeNtfy(options);
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Answers 503 to every request until `down(false)`. */
  down(on = true): void {
    this.#down = on;
  }

  /** The next `count` requests get `status` (with Retry-After seconds when given). */
  failNext(status: number, count = 1, retryAfter?: number): void {
    for (let i = 0; i < count; i++)
      this.#script.push({ status, ...(retryAfter ? { retryAfter } : {}) });
  }

  /** Messages published to one topic, in order. */
  topic(name: string): StoredMessage[] {
    return this.messages.filter((m) => m.topic === name);
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', 'http://fake');
    const record = (status: number) =>
      this.requests.push({
        method: req.method ?? '',
        path: url.pathname,
        headers: req.headers,
        body,
        status,
      });
    try {
      const scripted = this.#down ? { status: 503 } : this.#script.shift();
      if (scripted) return this.#scripted(res, scripted, record);
      const message = this.#publish(req, url, body);
      this.messages.push(message);
      record(200);
      res
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(`${JSON.stringify(message)}\n`);
    } catch (error) {
      const refusal =
        error instanceof NtfyRefusal ? error : new NtfyRefusal(500, 50001, 'internal server error');
      record(refusal.http);
      const answer = { code: refusal.code, http: refusal.http, error: refusal.message, link: LINK };
      res
        .writeHead(refusal.http, { 'Content-Type': 'application/json' })
        .end(`${JSON.stringify(answer)}\n`);
    }
  }

  #scripted(res: ServerResponse, scripted: Scripted, record: (status: number) => void): void {
    record(scripted.status);
    if (scripted.status === 429) {
      const answer = {
        code: 42901,
        http: 429,
        error: 'limit reached: too many requests, please be nice',
        link: LINK,
      };
      res.writeHead(429, {
        'Content-Type': 'application/json',
        'Retry-After': String(scripted.retryAfter ?? 1),
      });
      res.end(`${JSON.stringify(answer)}\n`);
      return;
    }
    res.writeHead(scripted.status, { 'Content-Type': 'text/plain' }).end('Service Unavailable\n');
  }

  #authorize(req: IncomingMessage, topic: string): void {
    const { tokens = [], users = {} } = this.#options;
    const header = req.headers.authorization;
    const required = tokens.length > 0 || Object.keys(users).length > 0;
    if (header) {
      const [scheme, value = ''] = header.split(' ');
      const bearerOk = scheme === 'Bearer' && tokens.includes(value);
      const [user = '', password] = Buffer.from(value, 'base64').toString('utf8').split(/:(.*)/s);
      const basicOk = scheme === 'Basic' && users[user] !== undefined && users[user] === password;
      if (!bearerOk && !basicOk) throw new NtfyRefusal(401, 40101, 'unauthorized');
    } else if (required) throw new NtfyRefusal(403, 40301, 'forbidden');
    if (this.#options.forbiddenTopics?.includes(topic))
      throw new NtfyRefusal(403, 40301, 'forbidden');
  }

  #publish(req: IncomingMessage, url: URL, body: Buffer): StoredMessage {
    if (req.method !== 'POST' && req.method !== 'PUT')
      throw new NtfyRefusal(404, 40401, 'page not found');
    if (url.pathname === '/') return this.#publishJson(req, body);
    const topic = url.pathname.slice(1);
    if (!TOPIC.test(topic)) throw new NtfyRefusal(400, 40009, 'invalid request: topic invalid');
    this.#authorize(req, topic);
    const param = (name: Parameters<typeof readParam>[2]) =>
      readParam(req.headers, url.searchParams, name);
    return storeMessage(this.#options, this.url, {
      topic,
      body,
      message: param('message'),
      title: param('title'),
      priority: parsePriority(param('priority')),
      tags: parseTags(param('tags')),
      click: param('click'),
      icon: param('icon'),
      actions: parseActions(param('actions')),
      markdown: isYes(param('markdown')),
      filename: param('filename'),
    });
  }

  #publishJson(req: IncomingMessage, body: Buffer): StoredMessage {
    let json: Record<string, unknown>;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      throw new NtfyRefusal(400, 40017, 'invalid request: request body must be message JSON');
    }
    const topic = String(json.topic ?? '');
    if (!TOPIC.test(topic)) throw new NtfyRefusal(400, 40009, 'invalid request: topic invalid');
    this.#authorize(req, topic);
    const text = (key: string) => (json[key] === undefined ? undefined : String(json[key]));
    return storeMessage(this.#options, this.url, {
      topic,
      body: Buffer.from(text('message') ?? '', 'utf8'),
      message: undefined,
      title: text('title'),
      priority: parsePriority(json.priority as number | undefined),
      tags: parseTags(json.tags),
      click: text('click'),
      icon: text('icon'),
      actions: parseActions(json.actions),
      markdown: isYes(json.markdown),
      filename: text('filename'),
    });
  }
}
