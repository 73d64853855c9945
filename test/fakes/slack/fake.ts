/** The fake Slack: Web API, Socket Mode and HTTP-mode delivery on 127.0.0.1, for the real SDKs. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signedEvent, signedInteraction, signedSlashCommand } from './http-mode.js';
import {
  type BlockActionsInput,
  blockActionsPayload,
  envelope,
  eventPayload,
  type SlashCommandInput,
  slashCommandPayload,
  type ViewSubmissionInput,
  viewClosedPayload,
  viewSubmissionPayload,
} from './payloads.js';
import { CallRecorder } from './recorder.js';
import { SlackRecords } from './records.js';
import { applyAck, routeRequest } from './routes.js';
import type { HttpAnswer, SignOptions } from './signed.js';
import { SocketModeServer } from './socket.js';
import type { Ack, ApiCall, Envelope, Json, StoredView } from './types.js';
import { closeView } from './views.js';
import { type Identity, Workspace } from './workspace.js';

export interface FakeSlackOptions {
  botToken?: string;
  appToken?: string;
  signingSecret?: string;
  /** How long a trigger_id stays valid (Slack: 3 s). */
  triggerTtlMs?: number;
  /** Acks later than this are recorded as violations (Slack: 3 s). */
  ackDeadlineMs?: number;
  /** How long send* waits for an ack before failing. */
  ackTimeoutMs?: number;
  /** Server pings on each socket; 0 (the default) sends none. */
  pingIntervalMs?: number;
}

type CallPredicate = (args: Json, call: ApiCall) => boolean;

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return new FakeSlack(server, options);
}

function identityFor(options: FakeSlackOptions): Identity {
  return {
    teamId: 'T0FAKE',
    teamDomain: 'jobdeck-test',
    appId: 'A0FAKE',
    botUserId: 'U0BOT',
    botId: 'B0BOT',
    botToken: options.botToken ?? 'xoxb-fake-bot-token',
    appToken: options.appToken ?? 'xapp-1-fake-app-token',
    verificationToken: 'fakeVerificationToken',
  };
}

export class FakeSlack extends SlackRecords {
  readonly baseUrl: string;
  /** Give this to the app as `clientOptions.slackApiUrl`. */
  readonly apiUrl: string;
  readonly identity: Identity;
  readonly signingSecret: string;
  private readonly ackTimeoutMs: number;

  constructor(
    private readonly server: Server,
    options: FakeSlackOptions,
  ) {
    const { port } = server.address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    const identity = identityFor(options);
    const workspace = new Workspace(identity, baseUrl, options.triggerTtlMs ?? 3000);
    const socket = new SocketModeServer({
      ws: workspace,
      wsBaseUrl: `ws://127.0.0.1:${port}`,
      pingIntervalMs: options.pingIntervalMs ?? 0,
      ackDeadlineMs: options.ackDeadlineMs ?? 3000,
      onAck: (ack, sent) => applyAck(workspace, sent.type, sent.payload, ack.payload),
    });
    const recorder = new CallRecorder(workspace);
    super(workspace, recorder, socket);
    this.baseUrl = baseUrl;
    this.apiUrl = `${baseUrl}/api/`;
    this.identity = identity;
    this.signingSecret = options.signingSecret ?? 'fake-signing-secret';
    this.ackTimeoutMs = options.ackTimeoutMs ?? 5000;
    const routes = { ws: workspace, recorder, socketUrl: () => socket.issueUrl() };
    server.on('request', (req, res) => routeRequest(routes, req, res));
    server.on('upgrade', (req, stream, head) => socket.handleUpgrade(req, stream, head));
  }

  get botToken(): string {
    return this.identity.botToken;
  }

  get appToken(): string {
    return this.identity.appToken;
  }

  // Web API

  /** The first call to `method` matching `predicate`, already recorded or arriving in time. */
  waitFor(method: string, predicate: CallPredicate = () => true, timeoutMs = 5000) {
    return this.recorder.waitFor(method, predicate, timeoutMs);
  }

  /** Like waitFor, but only calls made after this one: start it before the action. */
  nextCall(method: string, predicate: CallPredicate = () => true, timeoutMs = 5000) {
    return this.recorder.waitFor(method, predicate, timeoutMs, this.calls.length);
  }

  /** The next `times` calls of `method` answer 429 with Retry-After. */
  rateLimit(method: string, times: number, retryAfterSeconds: number): void {
    this.recorder.rateLimit(method, times, retryAfterSeconds);
  }

  /** The next `times` calls of `method` answer `{ok:false,error}`. */
  failNext(method: string, error: string, times = 1): void {
    this.recorder.failNext(method, error, times);
  }

  // Socket Mode

  waitForConnections(count: number, timeoutMs = 15_000): Promise<void> {
    return this.socket.waitForConnections(count, timeoutMs);
  }

  /** Sends an envelope on the newest connection; resolves with the client's ack. */
  send(sent: Envelope): Promise<Ack> {
    return this.socket.deliver(sent, this.ackTimeoutMs);
  }

  sendSlashCommand(input: SlashCommandInput = {}): Promise<Ack> {
    return this.send(envelope('slash_commands', slashCommandPayload(this.workspace, input)));
  }

  sendBlockActions(input: BlockActionsInput): Promise<Ack> {
    return this.send(envelope('interactive', blockActionsPayload(this.workspace, input)));
  }

  sendViewSubmission(input: ViewSubmissionInput = {}): Promise<Ack> {
    return this.send(envelope('interactive', viewSubmissionPayload(this.workspace, input)));
  }

  /** Closes the view; Slack tells the app only when the view asked (notify_on_close). */
  async sendViewClosed(input: { user?: string; viewId?: string } = {}): Promise<Ack | undefined> {
    const payload = viewClosedPayload(this.workspace, input);
    const view = payload.view as StoredView;
    closeView(this.workspace, view.id, false);
    if (view.notify_on_close !== true) return undefined;
    return this.send(envelope('interactive', payload));
  }

  sendEvent(event: Json): Promise<Ack> {
    return this.send(envelope('events_api', eventPayload(this.workspace, event)));
  }

  /** Sends an envelope again under the same envelope_id, marked as Slack marks a retry. */
  redeliver(sent: Envelope | string, reason = 'timeout'): Promise<Ack> {
    const id = typeof sent === 'string' ? sent : sent.envelope_id;
    const previous = this.envelopes.filter((e) => e.envelope_id === id).at(-1);
    if (!previous) throw new Error(`fake Slack: envelope ${id} was never sent`);
    const attempt = (previous.retry_attempt ?? 0) + 1;
    return this.send({ ...previous, retry_attempt: attempt, retry_reason: reason });
  }

  /** Sends `{type:"disconnect"}`; resolves with who then closed the socket. */
  disconnect(reason = 'refresh_requested', graceMs = 2000): Promise<'client' | 'server'> {
    return this.socket.disconnect(reason, graceMs);
  }

  /** Kills the newest connection's TCP socket without a close frame. */
  dropSocket(): void {
    this.socket.dropSocket();
  }

  // HTTP mode: payload builders and signed requests to the app's own endpoint

  slashCommandPayload(input: SlashCommandInput = {}): Json {
    return slashCommandPayload(this.workspace, input);
  }

  blockActionsPayload(input: BlockActionsInput): Json {
    return blockActionsPayload(this.workspace, input);
  }

  viewSubmissionPayload(input: ViewSubmissionInput = {}): Json {
    return viewSubmissionPayload(this.workspace, input);
  }

  sendSignedSlashCommand(
    appUrl: string,
    input: SlashCommandInput | Json = {},
    sign: Partial<SignOptions> = {},
  ): Promise<HttpAnswer> {
    return signedSlashCommand(this.workspace, appUrl, input, this.signOptions(sign));
  }

  /** POSTs an interactive payload as Slack does: one `payload` form field holding JSON. */
  sendSignedInteraction(appUrl: string, payload: Json, sign: Partial<SignOptions> = {}) {
    return signedInteraction(this.workspace, appUrl, payload, this.signOptions(sign));
  }

  sendSignedEvent(appUrl: string, event: Json, sign: Partial<SignOptions> = {}) {
    return signedEvent(this.workspace, appUrl, event, this.signOptions(sign));
  }

  private signOptions(sign: Partial<SignOptions>): SignOptions {
    return { signingSecret: this.signingSecret, ...sign };
  }

  /** Stops sockets, pending acks, keep-alive connections and the server. Stop the app first. */
  async close(): Promise<void> {
    await this.socket.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
