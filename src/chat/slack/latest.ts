/**
 * One change at a time per message, and of those waiting only the newest: a live update held up
 * by a rate limit can never land after, and overwrite, the final result.
 */

interface Waiting {
  task: () => Promise<void>;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export class LatestOnly {
  readonly #running = new Set<string>();
  readonly #waiting = new Map<string, Waiting>();

  /** Runs `task` for `key` after the one running; a task still waiting is skipped for it. */
  run(key: string, task: () => Promise<void>): Promise<void> {
    if (!this.#running.has(key)) return this.#start(key, task);
    this.#waiting.get(key)?.resolve();
    return new Promise((resolve, reject) => this.#waiting.set(key, { task, resolve, reject }));
  }

  async #start(key: string, task: () => Promise<void>): Promise<void> {
    this.#running.add(key);
    try {
      await task();
    } finally {
      this.#running.delete(key);
      const next = this.#waiting.get(key);
      if (next) {
        this.#waiting.delete(key);
        this.#start(key, next.task).then(next.resolve, next.reject);
      }
    }
  }
}
