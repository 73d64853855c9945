/** The HTTP server: REST API, health, metrics, run pages, Run again links and webhooks. */
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { App } from '../app.js';
import type { AccessPolicy } from '../jobs/access.js';
import type { Logger } from '../log.js';
import { authenticate, loadTokens, unauthorized } from './auth.js';
import type { HttpContext, PlatformHealth } from './context.js';
import { errorHandler, notFoundHandler } from './errors.js';
import { healthRoute } from './health.js';
import { hookRoute } from './hooks.js';
import { runLinks } from './links.js';
import { Metrics, metricsRoute } from './metrics.js';
import { openApiRoute } from './openapi.js';
import { Router, rawBodies } from './route.js';
import { catalogRoutes } from './routes/catalog.js';
import { jobRoutes } from './routes/jobs.js';
import { runRoutes } from './routes/runs.js';
import { scheduleRoutes } from './routes/schedules.js';
import { serverRoutes } from './routes/servers.js';
import { userItemRoutes } from './routes/user-items.js';
import { webhookRoutes } from './routes/webhooks.js';
import { wizardRoutes } from './routes/wizard.js';
import { runAgainRoute } from './run-again.js';
import { runPageRoute } from './run-page.js';
import { LinkSigner, loadLinkKey } from './signed-links.js';

export interface HttpOptions {
  app: App;
  /** The app's access rules unless given. */
  access?: AccessPolicy;
  /** Chat platforms, for /healthz and /metrics. */
  platforms?: readonly PlatformHealth[];
  env?: NodeJS.ProcessEnv;
  logger?: Logger;
  /** Overrides http.port and http.host (tests listen on 127.0.0.1:0). */
  port?: number;
  host?: string;
  now?: () => number;
}

export interface HttpServer {
  /** Where it listens, such as http://127.0.0.1:8080. */
  readonly url: string;
  close(): Promise<void>;
}

/** Paths with their own credentials (signed links, signatures) or none (/healthz). */
function isPublic(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  return path === '/healthz' || path.startsWith('/runs/') || path.startsWith('/hooks/');
}

async function contextFor(options: HttpOptions): Promise<HttpContext> {
  const { app } = options;
  const http = app.config.http;
  const env = options.env ?? process.env;
  const now = options.now ?? Date.now;
  const signer = new LinkSigner(await loadLinkKey(app.store.db, http.link_secret_env, env));
  const links = http.public_url
    ? runLinks({
        publicUrl: http.public_url,
        signer,
        pageTtl: http.run_page_ttl,
        againTtl: http.run_again_ttl,
        now,
      })
    : undefined;
  const logger = (options.logger ?? app.logger).child({ component: 'http' });
  const platforms = options.platforms ?? [];
  return { app, access: options.access ?? app.access, signer, links, platforms, env, logger, now };
}

async function routes(server: FastifyInstance, ctx: HttpContext, metrics: Metrics) {
  const router = new Router(server);
  for (const add of [catalogRoutes, jobRoutes, wizardRoutes, runRoutes, scheduleRoutes]) {
    add(router, ctx);
  }
  serverRoutes(router, ctx);
  userItemRoutes(router, ctx);
  webhookRoutes(router, ctx);
  healthRoute(router, ctx);
  metricsRoute(router, metrics);
  runPageRoute(router, ctx);
  openApiRoute(router);
  await server.register(async (scope) => {
    rawBodies(scope);
    const raw = new Router(scope, router.routes);
    hookRoute(raw, ctx);
    runAgainRoute(raw, ctx);
  });
}

/** Builds the server and listens; `close()` stops it, cutting open streams. */
export async function startHttpServer(options: HttpOptions): Promise<HttpServer> {
  const ctx = await contextFor(options);
  const http = ctx.app.config.http;
  const server = Fastify({ logger: false, forceCloseConnections: true, bodyLimit: 1024 * 1024 });
  server.setErrorHandler(errorHandler(ctx.logger));
  server.setNotFoundHandler(notFoundHandler);
  const tokens = loadTokens(http, ctx.env, ctx.logger);
  server.addHook('onRequest', async (request) => {
    if (!isPublic(request) && !authenticate(tokens, request)) throw unauthorized(tokens.length);
  });
  const metrics = new Metrics(ctx);
  try {
    await routes(server, ctx, metrics);
    await server.listen({ port: options.port ?? http.port ?? 0, host: options.host ?? http.host });
  } catch (error) {
    metrics.close();
    await server.close();
    throw error;
  }
  const { address, port } = server.server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}`,
    async close() {
      metrics.close();
      await server.close();
    },
  };
}
