/** A second press of the same button by the same person within 3 s does nothing. */

export const DOUBLE_CLICK_MS = 3000;

export class ClickGuard {
  readonly #last = new Map<string, number>();

  /** Records the press; true when the same key was pressed within the window. */
  repeated(key: string, now: number): boolean {
    const last = this.#last.get(key);
    this.#last.set(key, now);
    for (const [k, at] of this.#last) if (now - at > DOUBLE_CLICK_MS) this.#last.delete(k);
    return last !== undefined && now - last < DOUBLE_CLICK_MS;
  }
}
