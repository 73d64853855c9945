/** Definitions that forbid overlap: a claim in this process, and a look at every process's runs. */
import type { RunStore } from './run-store.js';

export class OverlapGuard {
  private readonly claimed = new Set<number>();

  constructor(private readonly store: RunStore) {}

  /** undefined when a new run may go (the caller then holds the claim); else why it is skipped. */
  async busy(definitionId: number): Promise<string | undefined> {
    const ours = this.claimed.has(definitionId);
    this.claimed.add(definitionId);
    const running = await this.store.activeOfDefinition(definitionId);
    if (!ours && !running) return undefined;
    if (!ours) this.claimed.delete(definitionId);
    const which = running ? `run ${running.id}` : 'another run';
    return `skipped: ${which} of this definition is still running`;
  }

  release(definitionId: number | null | undefined): void {
    if (definitionId !== null && definitionId !== undefined) this.claimed.delete(definitionId);
  }
}
