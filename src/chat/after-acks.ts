/**
 * Work after acknowledgements: each interaction starts in its own turn of the event loop, so
 * the acks of a burst of interactions (Slack's acks, Discord's deferrals) go out before any of
 * their (synchronous) work runs.
 */
export class AfterAcks {
  readonly #waiting: (() => void)[] = [];
  #scheduled = false;

  /** Starts `task` in a later turn of the event loop; resolves as it does. */
  run<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.#waiting.push(() => void task().then(resolve, reject));
      this.#schedule();
    });
  }

  #schedule(): void {
    if (this.#scheduled || this.#waiting.length === 0) return;
    this.#scheduled = true;
    setImmediate(() => {
      this.#scheduled = false;
      this.#waiting.shift()?.();
      this.#schedule();
    });
  }
}
