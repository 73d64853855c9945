/** What every route handler works with: the app's parts, access rules, links and the clock. */
import type { App } from '../app.js';
import type { AccessPolicy } from '../jobs/access.js';
import type { Logger } from '../log.js';
import type { RunLinks } from './links.js';
import type { LinkSigner } from './signed-links.js';

/** A chat platform as /healthz and /metrics see it. */
export interface PlatformHealth {
  readonly name: string;
  healthy(): boolean;
}

export interface HttpContext {
  app: App;
  access: AccessPolicy;
  signer: LinkSigner;
  /** Undefined when http.public_url is not set: answers carry no page links then. */
  links: RunLinks | undefined;
  platforms: readonly PlatformHealth[];
  env: NodeJS.ProcessEnv;
  logger: Logger;
  now(): number;
}

/** The run's page link, when links are configured. */
export function pageUrl(ctx: HttpContext): ((runId: number) => string) | undefined {
  return ctx.links?.runPage;
}
