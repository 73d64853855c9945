/**
 * Slack's Web API for the calls every interaction makes (messages, views, response_url): JSON
 * over kept-alive connections. Bolt's WebClient spends about 1 ms of CPU per call (it redacts
 * and serialises each request body for a debug line even when debug is off, then goes through
 * fetch); at 50 users at once that queue was most of the wizard's latency. Rare calls (file
 * uploads, user groups) still go through the WebClient.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../../log.js';

type Json = Record<string, unknown>;

/** Slack answered `ok: false`: `data.error` holds its code (`channel_not_found`, …). */
export class SlackCallError extends Error {
  readonly code = 'slack_webapi_platform_error';
  readonly data: { ok: false; error: string };

  constructor(method: string, error: string) {
    super(`Slack's ${method} answered ${error}`);
    this.name = 'SlackCallError';
    this.data = { ok: false, error };
  }
}

export interface WebApiOptions {
  token: string;
  /** The Web API base, ending in a slash. */
  apiUrl: string;
  logger: Logger;
  /** Attempts per call, counting 429s and dropped connections (default 10). */
  attempts?: number;
  /** Gives up on one attempt after this long (default 30 s). */
  timeoutMs?: number;
}

const SOCKETS = 32;
/** Methods that read their arguments from a form only, not from a JSON body. */
const FORM_ONLY = new Set(['chat.getPermalink']);
const NETWORK_RETRY_MS = [100, 500, 2000, 5000];

/** A request body: JSON, or a form for the methods that read only forms. */
type Body = { json: string } | { form: string };

interface Answer {
  status: number;
  retryAfter: number | undefined;
  body: string;
}

/** A failure worth trying again: the connection, not Slack's answer. */
class NetworkError extends Error {}

export class SlackWebApi {
  readonly #options: WebApiOptions;
  readonly #agents = {
    http: new HttpAgent({ keepAlive: true, maxSockets: SOCKETS }),
    https: new HttpsAgent({ keepAlive: true, maxSockets: SOCKETS }),
  };

  constructor(options: WebApiOptions) {
    const apiUrl = options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/`;
    this.#options = { ...options, apiUrl };
  }

  /** Calls a method (arguments as JSON, or a form where Slack needs one); Slack's answer. */
  async call(method: string, args: Json): Promise<Json> {
    return checked(method, await this.#call(method, args));
  }

  /**
   * Calls a method whose answer is not needed beyond success. A views.update answer repeats
   * the whole view; when it plainly starts `{"ok":true` it is not parsed at all.
   */
  async do(method: string, args: Json): Promise<void> {
    const answer = await this.#call(method, args);
    if (answer.status !== 200 || !answer.body.startsWith(SUCCESS)) checked(method, answer);
  }

  async #call(method: string, args: Json): Promise<Answer> {
    const url = new URL(method, this.#options.apiUrl);
    const body = FORM_ONLY.has(method) ? { form: formOf(args) } : { json: JSON.stringify(args) };
    return this.#send(method, url, body, true);
  }

  /** Posts to an interaction's response_url (which needs no token). */
  async respond(responseUrl: string, body: Json): Promise<void> {
    const json = JSON.stringify(body);
    const answer = await this.#send('response_url', new URL(responseUrl), { json });
    if (answer.status !== 200) throw new Error(`response_url answered ${answer.status}`);
  }

  close(): void {
    this.#agents.http.destroy();
    this.#agents.https.destroy();
  }

  /** Sends until Slack answers other than 429, waiting as long as it asks; nothing dropped. */
  async #send(what: string, url: URL, body: Body, auth = false): Promise<Answer> {
    const attempts = this.#options.attempts ?? 10;
    for (let attempt = 1; ; attempt += 1) {
      let answer: Answer;
      try {
        answer = await this.#post(url, body, auth);
      } catch (error) {
        const wait = NETWORK_RETRY_MS[attempt - 1];
        if (!(error instanceof NetworkError) || attempt >= attempts || wait === undefined)
          throw error;
        this.#options.logger.warn({ method: what, err: error.message }, 'retrying a Slack call');
        await sleep(wait);
        continue;
      }
      if (answer.status !== 429 || attempt >= attempts) return answer;
      const seconds = answer.retryAfter ?? 1;
      this.#options.logger.warn(
        { method: what, seconds },
        `Slack's rate limit was exceeded: ${what} is retried after ${seconds} s`,
      );
      await sleep(seconds * 1000);
    }
  }

  #post(url: URL, body: Body, auth: boolean): Promise<Answer> {
    const secure = url.protocol === 'https:';
    const text = 'json' in body ? body.json : body.form;
    const headers: Record<string, string | number> = {
      'content-type':
        'form' in body ? 'application/x-www-form-urlencoded' : 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(text),
    };
    if (auth) headers.authorization = `Bearer ${this.#options.token}`;
    const send = secure ? httpsRequest : httpRequest;
    const agent = secure ? this.#agents.https : this.#agents.http;
    return new Promise((resolve, reject) => {
      const req = send(url, { method: 'POST', headers, agent }, (res) =>
        readAnswer(res).then(resolve, reject),
      );
      req.setTimeout(this.#options.timeoutMs ?? 30_000, () =>
        req.destroy(new NetworkError(`no answer from ${url.host} in time`)),
      );
      req.on('error', (error) =>
        reject(error instanceof NetworkError ? error : new NetworkError(error.message)),
      );
      req.end(text);
    });
  }
}

function readAnswer(res: IncomingMessage): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('error', (error) => reject(new NetworkError(error.message)));
    res.on('end', () => {
      const header = Number(res.headers['retry-after']);
      resolve({
        status: res.statusCode ?? 0,
        retryAfter: Number.isFinite(header) && header >= 0 ? header : undefined,
        body: Buffer.concat(chunks).toString('utf8'),
      });
    });
  });
}

const SUCCESS = '{"ok":true';

/** Slack's answer as JSON, or the error it stands for. */
function checked(method: string, answer: Answer): Json {
  if (answer.status !== 200) throw new Error(`Slack's ${method} answered HTTP ${answer.status}`);
  const reply = JSON.parse(answer.body) as Json;
  if (reply.ok !== true) throw new SlackCallError(method, String(reply.error ?? 'unknown_error'));
  return reply;
}

/** Arguments as a form: text as it is, anything else as JSON. */
function formOf(args: Json): string {
  const form = new URLSearchParams();
  for (const [name, value] of Object.entries(args)) {
    if (value !== undefined)
      form.set(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return form.toString();
}
