/**
 * Definitions that forbid overlap, per server: a claim in this process, and a look at every
 * process's runs. A definition on three servers runs on all three; a second run on a server
 * where the first is still going is skipped.
 */
import type { RunStore } from './run-store.js';

const keyOf = (definitionId: number, server: string) => `${definitionId}@${server}`;

export class OverlapGuard {
  private readonly claimed = new Set<string>();

  constructor(private readonly store: RunStore) {}

  /** undefined when a new run may go (the caller then holds the claim); else why it is skipped. */
  async busy(definitionId: number, server: string): Promise<string | undefined> {
    const key = keyOf(definitionId, server);
    const ours = this.claimed.has(key);
    this.claimed.add(key);
    const running = await this.store.activeOfDefinition(definitionId, server);
    if (!ours && !running) return undefined;
    if (!ours) this.claimed.delete(key);
    const which = running ? `run ${running.id}` : 'another run';
    return `skipped: ${which} of this definition is still running on ${server}`;
  }

  release(definitionId: number | null | undefined, server: string): void {
    if (definitionId !== null && definitionId !== undefined)
      this.claimed.delete(keyOf(definitionId, server));
  }
}
