/** Admission in FIFO order under a global limit, per-server limits and per-key exclusivity. */

export interface Ticket {
  runId: number;
  server: string;
  serverLimit: number;
  /** Runs sharing a key never run at once (a definition that queues instead of overlapping). */
  exclusive?: string | undefined;
}

interface Waiting {
  ticket: Ticket;
  admit(admitted: boolean): void;
}

export class RunQueue {
  private running = 0;
  private readonly perServer = new Map<string, number>();
  private readonly held = new Set<string>();
  private readonly waiting: Waiting[] = [];

  constructor(private readonly globalLimit: number) {}

  /** Resolves true when the run may start, false when it was withdrawn while waiting. */
  enter(ticket: Ticket): Promise<boolean> {
    return new Promise((admit) => {
      this.waiting.push({ ticket, admit });
      this.pump();
    });
  }

  leave(ticket: Ticket): void {
    this.running -= 1;
    this.perServer.set(ticket.server, (this.perServer.get(ticket.server) ?? 1) - 1);
    if (ticket.exclusive) this.held.delete(ticket.exclusive);
    this.pump();
  }

  /** Takes a waiting run out of the line; false when it is not waiting. */
  withdraw(runId: number): boolean {
    const at = this.waiting.findIndex((w) => w.ticket.runId === runId);
    if (at < 0) return false;
    const [entry] = this.waiting.splice(at, 1);
    entry?.admit(false);
    return true;
  }

  private fits(ticket: Ticket): boolean {
    if ((this.perServer.get(ticket.server) ?? 0) >= ticket.serverLimit) return false;
    return !ticket.exclusive || !this.held.has(ticket.exclusive);
  }

  private pump(): void {
    for (let i = 0; i < this.waiting.length && this.running < this.globalLimit; ) {
      const entry = this.waiting[i];
      if (!entry || !this.fits(entry.ticket)) {
        i++;
        continue;
      }
      this.waiting.splice(i, 1);
      this.running += 1;
      const { server, exclusive } = entry.ticket;
      this.perServer.set(server, (this.perServer.get(server) ?? 0) + 1);
      if (exclusive) this.held.add(exclusive);
      entry.admit(true);
    }
  }
}
