/** The composition root: reads the configuration, builds the parts, starts them, stops them. */
import type { Readable, Writable } from 'node:stream';
import { type App, createApp } from './app.js';
import { runConsole } from './chat/console/console.js';
import type { ChatPlatform, PlatformContext } from './chat/platform.js';
import { platformFactories } from './chat/platforms.js';
import type { LoadedConfig } from './config/load.js';
import { Conversation } from './conversation/conversation.js';
import { type HttpServer, startHttpServer } from './http/server.js';
import type { Logger } from './log.js';
import { conversationDeps } from './wiring/conversation-deps.js';

/** Expired wizards, approvals and old delivery ids are swept this often. */
const SWEEP_MS = 5 * 60 * 1000;

function startablePlatforms(context: PlatformContext): ChatPlatform[] {
  return platformFactories.map((make) => make(context)).filter((p) => p !== undefined);
}

export interface StartOptions {
  logger: Logger;
  env: NodeJS.ProcessEnv;
  stdin: Readable;
  stdout: Writable;
  /** Run the console chat even when a chat platform is configured. */
  console?: boolean;
  /** Told about each skipped catalog entry. */
  warn?: (line: string) => void;
}

export interface Running {
  app: App;
  conversation: Conversation;
  platforms: ChatPlatform[];
  /** Resolves when the process should exit (console closed, or a signal arrived). */
  finished: Promise<void>;
  stop(): Promise<void>;
}

/** Starts every part; answers once they run. */
export async function startJobdeck(config: LoadedConfig, options: StartOptions): Promise<Running> {
  const { logger } = options;
  const app = await createApp(config, { logger, env: options.env, onCatalogProblem: options.warn });
  logger.info(
    { items: app.catalog.items().length, database: config.database },
    'catalog and database ready',
  );
  const interrupted = await app.runner.recoverInterrupted();
  await app.groups.recoverInterrupted();
  await app.workflows.recoverInterrupted();
  if (interrupted.length > 0) {
    const runs = interrupted.map((r) => r.id);
    logger.warn({ runs }, 'runs left running by the last process marked interrupted');
  }
  await app.scheduler.start();
  app.outbox.start();
  logger.info({ channels: app.deliveries.names() }, 'notification worker started');
  const conversation = new Conversation(conversationDeps(app));
  const sweep = setInterval(() => void conversation.sweep().catch(() => undefined), SWEEP_MS);
  sweep.unref();

  let http: HttpServer | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      clearInterval(sweep);
      await http?.close();
      await app.close();
      logger.info('jobdeck stopped');
    })();
    return stopping;
  };

  const platforms = options.console
    ? []
    : startablePlatforms({ app, conversation, logger, env: options.env });
  const stopPlatforms = () => Promise.all(platforms.map((p) => p.stop()));
  try {
    for (const platform of platforms) {
      await platform.start();
      logger.info({ platform: platform.name }, 'chat platform connected');
    }
    if (config.http.port !== undefined) {
      http = await startHttpServer({ app, platforms, env: options.env, logger });
      logger.info({ url: http.url }, 'HTTP API listening');
    }
  } catch (error) {
    await stopPlatforms().catch(() => undefined);
    await stop();
    throw error;
  }
  const interactive = Boolean((options.stdin as NodeJS.ReadStream).isTTY);
  const headless = !options.console && !interactive && http !== undefined;
  if (platforms.length > 0 || headless) {
    const finished = new Promise<void>(() => undefined);
    return { app, conversation, platforms, finished, stop: () => stopPlatforms().then(stop) };
  }
  logger.info('no chat platform configured: console chat started');
  const finished = runConsole({
    input: options.stdin,
    output: options.stdout,
    conversation,
    runner: app.runner,
    commandName: 'jobs',
    interactive,
  });
  return { app, conversation, platforms, finished, stop };
}
