/** The fake Discord: REST and gateway on one 127.0.0.1 port, and what tests drive and inspect. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CommandInput } from './command-data.js';
import type { FakeContext } from './context.js';
import { type Actor, InteractionDispatcher } from './dispatcher.js';
import { FakeGateway, type GatewayStats } from './gateway.js';
import type { InteractionHandle } from './handle.js';
import { restHandler } from './http.js';
import { snowflake } from './ids.js';
import { CHANNEL_PUBLIC_THREAD, type FakeUser } from './objects.js';
import { RateLimiter, type RoutePattern } from './ratelimit.js';
import { Recorder, until } from './recorder.js';
import { appRoutes } from './rest-app.js';
import { callbackRoutes } from './rest-callback.js';
import { channelRoutes } from './rest-channels.js';
import { webhookRoutes } from './rest-webhooks.js';
import { guildPayloads, type SeededGuilds, seedGuilds, settingsFrom } from './setup.js';
import { FakeState } from './state.js';
import type {
  FakeChannel,
  FakeDiscordOptions,
  JsonObject,
  RecordedCall,
  StoredMessage,
} from './types.js';
import type { ModalValues } from './ui-data.js';
import { UserActions } from './user-actions.js';

/** Starts REST at http://127.0.0.1:PORT/api and the gateway at ws://127.0.0.1:PORT/gateway. */
export async function startFakeDiscord(options: FakeDiscordOptions = {}): Promise<FakeDiscord> {
  const fake = new FakeDiscord(options);
  await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
  return fake;
}

export class FakeDiscord {
  readonly token: string;
  readonly applicationId = snowflake();
  readonly bot: FakeUser;
  /** The user interactions come from unless a test names another. */
  readonly user: FakeUser = { id: snowflake(), username: 'alice', globalName: 'Alice' };
  readonly guildId: string;
  readonly channelId: string;
  /** @internal */
  readonly server: Server;
  private readonly recorder = new Recorder();
  private readonly state = new FakeState(() => this.baseUrl);
  private readonly limiter = new RateLimiter();
  private readonly gatewayServer: FakeGateway;
  private readonly dispatcher: InteractionDispatcher;
  private readonly actions: UserActions;
  private readonly announced: SeededGuilds['announced'];

  constructor(options: FakeDiscordOptions) {
    const settings = settingsFrom(options);
    this.token = settings.token;
    this.bot = { id: this.applicationId, username: 'jobdeck-test', bot: true };
    const seeded = seedGuilds(this.state, options);
    this.guildId = seeded.guildId;
    this.channelId = seeded.channelId;
    this.announced = seeded.announced;
    const ctx: FakeContext = {
      state: this.state,
      recorder: this.recorder,
      settings,
      bot: this.bot,
      applicationId: this.applicationId,
      baseUrl: () => this.baseUrl,
      gatewayUrl: () => this.gatewayUrl,
    };
    this.gatewayServer = new FakeGateway({
      token: settings.token,
      heartbeatIntervalMs: settings.heartbeatIntervalMs,
      applicationId: this.applicationId,
      bot: this.bot,
      resumeUrl: () => this.gatewayUrl,
      guilds: () => guildPayloads(this.state, this.announced, this.bot),
    });
    const dispatcher = new InteractionDispatcher(ctx, this.gatewayServer, this);
    this.dispatcher = dispatcher;
    this.actions = new UserActions(this.state, settings, dispatcher, this.guildId);
    const routes = [appRoutes, channelRoutes, callbackRoutes, webhookRoutes].flatMap((r) => r(ctx));
    this.server = createServer(restHandler(ctx, routes, this.limiter));
    this.server.on('upgrade', (req, socket, head) => {
      if (req.url?.startsWith('/gateway')) this.gatewayServer.upgrade(req, socket, head);
      else socket.destroy();
    });
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The `rest.api` option for discord.js. */
  get apiUrl(): string {
    return `${this.baseUrl}/api`;
  }

  get gatewayUrl(): string {
    return `ws://127.0.0.1:${this.port}/gateway`;
  }

  get calls() {
    return this.recorder.calls;
  }

  get violations() {
    return this.recorder.violations;
  }

  get gateway(): GatewayStats {
    return this.gatewayServer.stats;
  }

  /** The first REST call, recorded already or to come, that matches. */
  waitFor(predicate: (call: RecordedCall) => boolean, timeoutMs = 5000): Promise<RecordedCall> {
    return this.recorder.waitFor(predicate, timeoutMs);
  }

  /** Resolves once `condition` holds (for gateway counters and stored state). */
  until(condition: () => boolean, timeoutMs = 5000, what = 'condition'): Promise<void> {
    return until(condition, timeoutMs, what);
  }

  rateLimit(route: RoutePattern, times: number, retryAfterSeconds: number, global = false): void {
    this.limiter.add(route, times, retryAfterSeconds, global);
  }

  dispatchInteraction(partial: JsonObject & { type: number }, actor?: Actor): InteractionHandle {
    return this.dispatcher.dispatch(partial, actor);
  }

  slashCommand(name: string, input: CommandInput & Actor = {}): InteractionHandle {
    return this.actions.slashCommand(name, input);
  }

  /** An autocomplete request while the user types `focused`; its value is what was typed. */
  autocomplete(name: string, focused: string, input: CommandInput & Actor): InteractionHandle {
    return this.actions.autocomplete(name, focused, input);
  }

  /** Presses the button `customId` on a stored message (it must be there and enabled). */
  clickButton(message: StoredMessage | string, customId: string, actor?: Actor) {
    return this.actions.component(message, customId, undefined, actor);
  }

  /** Chooses `values` in the select `customId` on a stored message (known options only). */
  selectMenu(message: StoredMessage | string, customId: string, values: string[], actor?: Actor) {
    return this.actions.component(message, customId, values, actor);
  }

  /** Submits the modal `opener`'s callback showed, with `values` by custom_id. */
  submitModal(opener: InteractionHandle, values: ModalValues, actor?: Actor): InteractionHandle {
    return this.actions.submitModal(opener, values, actor);
  }

  dropConnection(): void {
    this.gatewayServer.dropConnection();
  }

  requestReconnect(): void {
    this.gatewayServer.requestReconnect();
  }

  invalidateSession(resumable = false): void {
    this.gatewayServer.invalidateSession(resumable);
  }

  /** Messages in a channel or thread (ephemeral ones too), oldest first. */
  messages(channelId: string = this.channelId): StoredMessage[] {
    return this.state.channelMessages(channelId);
  }

  message(id: string): StoredMessage | undefined {
    return this.state.messages.get(id);
  }

  channel(id: string): FakeChannel | undefined {
    return this.state.channels.get(id);
  }

  threads(parentId?: string): FakeChannel[] {
    return [...this.state.channels.values()].filter(
      (c) =>
        c.type === CHANNEL_PUBLIC_THREAD && (parentId === undefined || c.parentId === parentId),
    );
  }

  addChannel(name?: string, guildId: string = this.guildId): FakeChannel {
    return this.state.addChannel({ name, guildId });
  }

  /** Registered commands: global ones, or a guild's. */
  commands(guildId?: string): JsonObject[] {
    return this.state.commands.get(guildId ?? 'global') ?? [];
  }

  async close(): Promise<void> {
    this.gatewayServer.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }
}
