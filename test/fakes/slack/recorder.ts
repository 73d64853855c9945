/** Every Web API call the fake answered, waits on them, and the 429s and errors tests inject. */
import type { ApiCall, Json } from './types.js';
import type { Workspace } from './workspace.js';

export type Interception = { retryAfter: number } | { error: string } | undefined;

interface Waiter {
  match: (call: ApiCall) => boolean;
  resolve: (call: ApiCall) => void;
}

/** Node timers may fire a millisecond or so early; a retry that close is on time. */
const RETRY_SLACK_MS = 50;

export class CallRecorder {
  readonly calls: ApiCall[] = [];
  private readonly rateLimits = new Map<string, { times: number; seconds: number }>();
  private readonly failures = new Map<string, { times: number; error: string }>();
  private readonly retryNotBefore = new Map<string, number>();
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly ws: Workspace) {}

  rateLimit(method: string, times: number, seconds: number): void {
    this.rateLimits.set(method, { times, seconds });
  }

  failNext(method: string, error: string, times: number): void {
    this.failures.set(method, { times, error });
  }

  /** What to answer instead of the method's result, if a test asked for it. */
  intercept(method: string, time: number): Interception {
    const notBefore = this.retryNotBefore.get(method);
    if (notBefore !== undefined && time + RETRY_SLACK_MS < notBefore) {
      this.ws.report(method, 'retry_after_ignored', `called ${notBefore - time} ms too early`);
    }
    const limit = this.rateLimits.get(method);
    if (limit && limit.times > 0) {
      limit.times -= 1;
      this.retryNotBefore.set(method, time + limit.seconds * 1000);
      return { retryAfter: limit.seconds };
    }
    const failure = this.failures.get(method);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      return { error: failure.error };
    }
    return undefined;
  }

  record(call: ApiCall): void {
    this.calls.push(call);
    for (const waiter of [...this.waiters]) {
      if (!waiter.match(call)) continue;
      this.waiters.delete(waiter);
      waiter.resolve(call);
    }
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((call) => call.method === method);
  }

  /**
   * The first call to `method` matching `predicate` among the calls from index `from` on,
   * recorded already or arriving within the timeout.
   */
  waitFor(
    method: string,
    predicate: (args: Json, call: ApiCall) => boolean,
    timeoutMs: number,
    from = 0,
  ): Promise<ApiCall> {
    const match = (call: ApiCall) => call.method === method && predicate(call.args, call);
    const found = this.calls.slice(from).find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        match,
        resolve: (call) => {
          clearTimeout(timer);
          resolve(call);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        const seen = this.calls.map((call) => call.method).join(', ') || 'none';
        reject(
          new Error(`fake Slack: no matching ${method} within ${timeoutMs} ms (seen: ${seen})`),
        );
      }, timeoutMs);
      this.waiters.add(waiter);
    });
  }
}
