/** The links notifications carry: a run's page, and a single-use Run again action. */
import type { CatalogItem } from '../catalog/schema.js';
import type { HttpConfig } from '../config/schema.js';
import type { Db } from '../store/db.js';
import type { Run } from '../store/tables.js';
import { LinkSigner, loadLinkKey, newNonce } from './signed-links.js';

export interface RunLinks {
  runPage(runId: number): string;
  /** Undefined when the run cannot be started again unattended (secrets, dangerous item). */
  runAgain(run: Run, item: CatalogItem | undefined): string | undefined;
}

export interface RunLinkOptions {
  publicUrl: string;
  signer: LinkSigner;
  /** Seconds each kind of link stays valid. */
  pageTtl: number;
  againTtl: number;
  now?: () => number;
}

/** Items that ask for confirmation in chat never run from a notification button. */
export function isDangerous(item: CatalogItem): boolean {
  return item.confirm || item.difficulty === 'advanced';
}

export function canRunUnattended(item: CatalogItem): boolean {
  return !isDangerous(item) && !item.parameters.some((p) => p.type === 'secret');
}

export function runLinks(options: RunLinkOptions): RunLinks {
  const base = options.publicUrl.replace(/\/+$/, '');
  const now = options.now ?? Date.now;
  return {
    runPage(runId) {
      const token = options.signer.sign('run-page', String(runId), now() + options.pageTtl * 1000);
      return `${base}/runs/${runId}?token=${token}`;
    },
    runAgain(run, item) {
      if (!item || !canRunUnattended(item)) return undefined;
      const expiresAt = now() + options.againTtl * 1000;
      const token = options.signer.sign('run-again', String(run.id), expiresAt, newNonce());
      return `${base}/runs/${run.id}/again?token=${token}`;
    },
  };
}

/** The app's run links, or undefined when `http.public_url` is not set. */
export async function createRunLinks(
  db: Db,
  http: HttpConfig,
  env?: NodeJS.ProcessEnv,
): Promise<RunLinks | undefined> {
  if (!http.public_url) return undefined;
  const signer = new LinkSigner(await loadLinkKey(db, http.link_secret_env, env));
  return runLinks({
    publicUrl: http.public_url,
    signer,
    pageTtl: http.run_page_ttl,
    againTtl: http.run_again_ttl,
  });
}
