/**
 * Discord as a chat platform: discord.js over the gateway (no public URL), the /jobs command
 * registered when it changed, interactions routed, notifications delivered to channels.
 */
import { Client, Events, GatewayIntentBits, REST, Status } from 'discord.js';
import type { App } from '../../app.js';
import type { DiscordConfig } from '../../config/schema.js';
import type { Logger } from '../../log.js';
import type { ChatPlatform, PlatformContext, PlatformFactory } from '../platform.js';
import { commandPayload, syncCommands } from './commands.js';
import { ConfirmTexts } from './confirm.js';
import { discordDelivery } from './delivery.js';
import { FormStore } from './forms.js';
import { skipInteractionParsing } from './malformed.js';
import type { ReplyOptions } from './reply.js';
import { type ConversationLike, InteractionRouter } from './router.js';
import { RunCards } from './run-card.js';
import type { RawInteraction } from './types.js';

export interface DiscordOptions {
  app: App;
  conversation: ConversationLike;
  logger: Logger;
  token: string;
  config: DiscordConfig;
  reply?: ReplyOptions;
}

export class DiscordPlatform implements ChatPlatform {
  readonly name = 'discord' as const;
  readonly #options: DiscordOptions;
  readonly #logger: Logger;
  readonly #client: Client;
  /** Calls on interaction tokens: not bound by the bot's global limit (Discord's rule). */
  readonly #tokenRest: REST;
  readonly #work = new Set<Promise<void>>();
  #router: InteractionRouter | undefined;
  #unregister: (() => void) | undefined;

  constructor(options: DiscordOptions) {
    this.#options = options;
    this.#logger = options.logger.child({ component: 'discord' });
    this.#client = new Client({
      intents: [GatewayIntentBits.Guilds],
      rest: { api: options.config.api_url },
    });
    this.#tokenRest = new REST({
      api: options.config.api_url,
      globalRequestsPerSecond: Number.POSITIVE_INFINITY,
    });
    skipInteractionParsing(this.#client);
  }

  get client(): Client {
    return this.#client;
  }

  /** Logs in, registers the command if it changed, and starts answering interactions. */
  async start(): Promise<void> {
    const { app, config } = this.#options;
    const rest = this.#client.rest;
    this.#router = new InteractionRouter({
      rest,
      conversation: this.#options.conversation,
      source: {
        items: () => app.catalog.items(),
        servers: async () => (await app.servers.list()).map((s) => s.name),
      },
      forms: new FormStore(),
      confirms: new ConfirmTexts(),
      cards: new RunCards(rest, this.#logger),
      logger: this.#logger,
      reply: { tokenRest: this.#tokenRest, ...this.#options.reply },
    });
    this.#client.on(Events.Raw, (packet: { t?: string; d?: unknown }) => {
      if (packet.t === 'INTERACTION_CREATE') this.#dispatch(packet.d as RawInteraction);
    });
    this.#client.on(Events.ShardResume, () => this.#logger.info('gateway resumed'));
    this.#client.on(Events.ShardReconnecting, () => this.#logger.warn('gateway reconnecting'));
    const ready = new Promise<void>((resolve) =>
      this.#client.once(Events.ClientReady, () => resolve()),
    );
    try {
      await this.#client.login(this.#options.token);
      await ready;
      const applicationId = this.#client.application?.id ?? this.#client.user?.id ?? '';
      const command = commandPayload(config.command);
      await syncCommands(rest, applicationId, config.guild_ids, command, this.#logger);
    } catch (error) {
      await this.#client.destroy();
      throw error;
    }
    this.#unregister = app.deliveries.registerChat('discord', discordDelivery(rest, this.#logger));
    this.#logger.info({ user: this.#client.user?.tag }, 'connected to Discord');
  }

  #dispatch(raw: RawInteraction): void {
    const router = this.#router;
    if (!router) return;
    const work = router
      .handle(raw)
      .catch((error) => this.#logger.error({ err: error }, 'discord interaction failed'))
      .finally(() => this.#work.delete(work));
    this.#work.add(work);
  }

  /** Interactions still being answered (runs being followed), for tests and shutdown. */
  async settled(): Promise<void> {
    while (this.#work.size > 0) await Promise.allSettled([...this.#work]);
  }

  async stop(): Promise<void> {
    this.#unregister?.();
    this.#unregister = undefined;
    this.#tokenRest.clearHashSweeper();
    this.#tokenRest.clearHandlerSweeper();
    await this.#client.destroy();
  }

  healthy(): boolean {
    return this.#client.isReady() && this.#client.ws.status === Status.Ready;
  }
}

/** Discord starts when the token named by `discord.token_env` is in the environment. */
export const discordPlatform: PlatformFactory = function discordPlatform(
  context: PlatformContext,
): ChatPlatform | undefined {
  const config = context.app.config.discord;
  const token = context.env[config.token_env];
  if (!token) return undefined;
  return new DiscordPlatform({
    app: context.app,
    conversation: context.conversation,
    logger: context.logger,
    token,
    config,
  });
};
