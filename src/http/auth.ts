/** Bearer tokens from the configuration, and the access subject each one acts as. */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { HttpConfig } from '../config/schema.js';
import type { Subject } from '../jobs/access.js';
import type { Logger } from '../log.js';
import { ApiError } from './errors.js';

export type { Subject };

export interface ApiToken {
  name: string;
  role: string;
  digest: Buffer;
}

const digestOf = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** The configured tokens whose variable is set; a missing one is skipped with a warning. */
export function loadTokens(config: HttpConfig, env: NodeJS.ProcessEnv, logger: Logger) {
  const tokens: ApiToken[] = [];
  for (const token of config.tokens) {
    const value = env[token.token_env];
    if (!value) {
      logger.warn({ token: token.name, variable: token.token_env }, 'API token skipped: unset');
      continue;
    }
    tokens.push({ name: token.name, role: token.role, digest: digestOf(value) });
  }
  return tokens;
}

/** The token the request carries, compared in constant time against every configured one. */
export function tokenFor(tokens: readonly ApiToken[], header: string | undefined) {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!match?.[1]) return undefined;
  const given = digestOf(match[1]);
  let found: ApiToken | undefined;
  for (const token of tokens) if (timingSafeEqual(token.digest, given)) found = token;
  return found;
}

export function subjectOf(token: ApiToken): Subject {
  return { platform: 'api', userId: token.name, platformRoles: [], jobdeckRoles: [token.role] };
}

/** How runs and records name an API caller. */
export function actorOf(subject: Subject): string {
  return `api:${subject.userId}`;
}

const subjects = new WeakMap<FastifyRequest, Subject>();

export function authenticate(
  tokens: readonly ApiToken[],
  request: FastifyRequest,
): Subject | undefined {
  const token = tokenFor(tokens, request.headers.authorization);
  if (!token) return undefined;
  const subject = subjectOf(token);
  subjects.set(request, subject);
  return subject;
}

export function unauthorized(configured: number): ApiError {
  const message =
    configured === 0
      ? 'the API has no tokens: add http.tokens to jobdeck.yaml and set their variables'
      : 'send a configured API token as "Authorization: Bearer <token>"';
  return new ApiError(401, 'unauthorized', message);
}

/** The subject an authenticated request acts as. */
export function subjectFrom(request: FastifyRequest): Subject {
  const subject = subjects.get(request);
  if (!subject) throw unauthorized(1);
  return subject;
}
