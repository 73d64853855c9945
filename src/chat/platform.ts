/** What every chat platform adapter offers the composition root: start, stop, health. */
import type { App } from '../app.js';
import type { Conversation } from '../conversation/conversation.js';
import type { Logger } from '../log.js';

export interface PlatformContext {
  app: App;
  conversation: Conversation;
  logger: Logger;
  env: NodeJS.ProcessEnv;
}

export interface ChatPlatform {
  readonly name: 'slack' | 'discord';
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Connected and able to receive interactions, for /healthz. */
  healthy(): boolean;
}

/** Builds the platform when its configuration (a token) is present, else answers undefined. */
export type PlatformFactory = (context: PlatformContext) => ChatPlatform | undefined;
