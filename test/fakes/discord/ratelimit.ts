/** Rate limits a test asks for: 429 answers with the headers and body Discord sends. */
import type { Json } from './types.js';

export type RoutePattern = string | RegExp;

interface Rule {
  pattern: RoutePattern;
  remaining: number;
  retryAfter: number;
  global: boolean;
}

export interface LimitedReply {
  status: 429;
  body: Json;
  headers: Record<string, string>;
}

export class RateLimiter {
  private readonly rules: Rule[] = [];

  /**
   * The next `times` requests matching `pattern` answer 429. A string pattern is a route
   * template (`/channels/:channel/messages`), optionally with a method (`POST /channels/...`);
   * a RegExp is tested against `METHOD /concrete/path`.
   */
  add(pattern: RoutePattern, times: number, retryAfterSeconds: number, global = false): void {
    this.rules.push({ pattern, remaining: times, retryAfter: retryAfterSeconds, global });
  }

  check(method: string, route: string, path: string): LimitedReply | null {
    const rule = this.rules.find((r) => r.remaining > 0 && matches(r.pattern, method, route, path));
    if (!rule) return null;
    rule.remaining -= 1;
    return limited(rule, route);
  }
}

function matches(pattern: RoutePattern, method: string, route: string, path: string): boolean {
  if (pattern instanceof RegExp) return pattern.test(`${method} ${path}`);
  const [first, second] = pattern.split(' ');
  if (second === undefined) return first === route;
  return first?.toUpperCase() === method && second === route;
}

function limited(rule: Rule, route: string): LimitedReply {
  const seconds = rule.retryAfter;
  const headers: Record<string, string> = {
    'Retry-After': String(seconds),
    'X-RateLimit-Limit': '5',
    'X-RateLimit-Remaining': '0',
    'X-RateLimit-Reset': ((Date.now() + seconds * 1000) / 1000).toFixed(3),
    'X-RateLimit-Reset-After': seconds.toFixed(3),
    'X-RateLimit-Bucket': Buffer.from(route).toString('hex').slice(0, 32),
    'X-RateLimit-Scope': rule.global ? 'global' : 'user',
  };
  if (rule.global) headers['X-RateLimit-Global'] = 'true';
  return {
    status: 429,
    headers,
    body: { message: 'You are being rate limited.', retry_after: seconds, global: rule.global },
  };
}
