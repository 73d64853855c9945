/** Cross-process cancel: looks for cancel requests on this process's runs while any are active. */
import { messageOf } from '../errors.js';
import type { Logger } from '../log.js';
import type { RunStore } from './run-store.js';

export interface CancelPollOptions {
  store: RunStore;
  intervalMs: number;
  /** The runs this process is responsible for now. */
  active(): number[];
  cancel(runId: number): void;
  logger: Logger;
}

export class CancelPoll {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: CancelPollOptions) {}

  /** Starts polling if it is not already; it stops by itself once no run is active. */
  wake(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.check(), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private check(): void {
    const ids = this.options.active();
    if (ids.length === 0) {
      this.stop();
      return;
    }
    this.options.store.cancelRequested(ids).then(
      (requested) => {
        for (const id of requested) this.options.cancel(id);
      },
      (error: unknown) => this.options.logger.warn({ err: messageOf(error) }, 'cancel poll failed'),
    );
  }
}
