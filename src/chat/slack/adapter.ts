/** The Slack platform: Bolt over Socket Mode or HTTP, started and stopped with jobdeck. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver, type webApi } from '@slack/bolt';
import { messageOf } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { ChatDelivery } from '../../notify/delivery.js';
import type { ChatPlatform, PlatformFactory } from '../platform.js';
import { boltLogger } from './bolt-logger.js';
import { type SlackApi, slackApi } from './client.js';
import { slackDelivery } from './delivery.js';
import { ackOnProcessError, ackUntyped, registerGate } from './gate.js';
import { SlackUserGroups } from './groups.js';
import { type ConversationPort, registerListeners } from './listeners.js';
import { type SlackSettings, slackSettings } from './settings.js';
import { SlackWebApi } from './web-api.js';

export interface SlackPlatformOptions {
  settings: SlackSettings;
  conversation: ConversationPort;
  logger: Logger;
  /** Where scheduled runs' notifications for `chat` channels are plugged in. */
  deliveries?: { registerChat(platform: string, chat: ChatDelivery): () => void };
  /** Web API client options on top of the API URL (retries, for tests). */
  clientOptions?: webApi.WebClientOptions;
  /** How soon a silent Socket Mode connection is replaced (Bolt: 5 s). */
  clientPingTimeout?: number;
  /** A view submission not answered by then gets a "working" view (at most ~2.5 s). */
  ackDeadlineMs?: number;
}

const STOP_GRACE_MS = 5000;

export class SlackPlatform implements ChatPlatform {
  readonly name = 'slack' as const;
  readonly api: SlackApi;
  readonly #options: SlackPlatformOptions;
  readonly #bolt: App;
  readonly #work = new Set<Promise<unknown>>();
  readonly #log: Logger;
  readonly #web: SlackWebApi;
  #connected = false;
  #server: Server | undefined;
  #unregister: (() => void) | undefined;

  constructor(options: SlackPlatformOptions) {
    this.#options = options;
    this.#log = options.logger.child({ component: 'slack' });
    this.#bolt = this.#makeApp();
    const { botToken, apiUrl } = options.settings;
    this.#web = new SlackWebApi({ token: botToken, apiUrl, logger: this.#log });
    this.api = slackApi(this.#web, this.#bolt.client);
    const groups = new SlackUserGroups(this.api, this.#log);
    registerGate(this.#bolt, this.#log);
    registerListeners(this.#bolt, {
      conversation: options.conversation,
      api: this.api,
      logger: this.#log,
      command: options.settings.command,
      ackDeadlineMs: options.ackDeadlineMs ?? 2000,
      track: (work) => this.#track(work),
      groupsOf: (user) => groups.of(user),
    });
    this.#bolt.error(async (error) => {
      this.#log.warn({ err: messageOf(error) }, 'a Slack interaction failed');
    });
  }

  #makeApp(): App {
    const { settings, clientOptions } = this.#options;
    const logger = boltLogger(this.#log);
    const client = { ...clientOptions, slackApiUrl: settings.apiUrl };
    const common = { token: settings.botToken, logger, clientOptions: client };
    const onError = ackOnProcessError(this.#log);
    if (!settings.appToken) {
      const receiver = new HTTPReceiver({
        signingSecret: settings.signingSecret ?? '',
        logger,
        processEventErrorHandler: async ({ error, response }) => {
          const handled = await onError({ error });
          if (!response.headersSent) response.writeHead(200).end();
          return handled;
        },
      });
      return new App({ ...common, receiver });
    }
    const receiver = new SocketModeReceiver({
      appToken: settings.appToken,
      logger,
      clientPingTimeout: this.#options.clientPingTimeout,
      processEventErrorHandler: onError,
      installerOptions: { clientOptions: client },
    });
    ackUntyped(receiver.client, this.#log);
    receiver.client.on('connected', () => {
      this.#connected = true;
    });
    for (const state of ['disconnected', 'reconnecting'])
      receiver.client.on(state, () => {
        this.#connected = false;
      });
    return new App({ ...common, receiver });
  }

  #track(work: Promise<unknown>): void {
    const tracked = work
      .catch((error) => this.#log.error({ err: messageOf(error) }, 'Slack work failed'))
      .finally(() => this.#work.delete(tracked));
    this.#work.add(tracked);
  }

  /** HTTP mode: where Slack should send requests (Request URL), once started. */
  get url(): string | undefined {
    const address = this.#server?.address() as AddressInfo | null | undefined;
    return address ? `http://127.0.0.1:${address.port}/slack/events` : undefined;
  }

  async start(): Promise<void> {
    const { settings, deliveries } = this.#options;
    if (settings.appToken) {
      await this.#bolt.start();
    } else {
      this.#server = (await this.#bolt.start({
        port: settings.port,
        host: settings.host,
      })) as Server;
      this.#connected = true;
    }
    this.#unregister = deliveries?.registerChat('slack', slackDelivery(this.api));
    const mode = settings.appToken ? 'Socket Mode' : `HTTP on port ${settings.port}`;
    this.#log.info({ mode, command: settings.command }, 'Slack connected');
  }

  /** Stops receiving, then gives work under way a moment to post what it has. */
  async stop(): Promise<void> {
    this.#unregister?.();
    await this.#bolt.stop();
    this.#connected = false;
    const grace = new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref());
    await Promise.race([Promise.allSettled([...this.#work]), grace]);
    this.#web.close();
  }

  healthy(): boolean {
    return this.#connected;
  }
}

/** Slack starts when its bot token is set. */
export const slackPlatform: PlatformFactory = (context) => {
  const settings = slackSettings(context.app.config.slack, context.env);
  if (!settings) return undefined;
  return new SlackPlatform({
    settings,
    conversation: context.conversation,
    logger: context.logger,
    deliveries: context.app.deliveries,
  });
};
