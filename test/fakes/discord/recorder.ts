/** The log of REST calls and limit violations, and waiting for a call or a condition. */
import type { RecordedCall, Violation } from './types.js';

interface Waiter {
  predicate: (call: RecordedCall) => boolean;
  resolve: (call: RecordedCall) => void;
}

export class Recorder {
  readonly calls: RecordedCall[] = [];
  readonly violations: Violation[] = [];
  private readonly waiters = new Set<Waiter>();

  record(call: Omit<RecordedCall, 'seq'>): RecordedCall {
    const recorded = { ...call, seq: this.calls.length + 1 };
    this.calls.push(recorded);
    for (const waiter of this.waiters) {
      if (!waiter.predicate(recorded)) continue;
      this.waiters.delete(waiter);
      waiter.resolve(recorded);
    }
    return recorded;
  }

  /** The first call, recorded already or to come, that matches. */
  waitFor(predicate: (call: RecordedCall) => boolean, timeoutMs = 5000): Promise<RecordedCall> {
    const found = this.calls.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(
          new Error(`no matching Discord call within ${timeoutMs} ms; got:\n${this.summary()}`),
        );
      }, timeoutMs);
      const waiter: Waiter = {
        predicate,
        resolve: (call) => {
          clearTimeout(timer);
          resolve(call);
        },
      };
      this.waiters.add(waiter);
    });
  }

  summary(): string {
    const lines = this.calls.map((c) => `  ${c.method} ${c.path} -> ${c.status}`);
    return lines.length > 0 ? lines.join('\n') : '  (none)';
  }
}

/** Resolves once `condition` holds, checking every few milliseconds. */
export async function until(
  condition: () => boolean,
  timeoutMs = 5000,
  what = 'condition',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`${what} did not hold within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
