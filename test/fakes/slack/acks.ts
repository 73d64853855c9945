/** Envelopes awaiting their ack: matches acks to senders, notes late and stray ones. */
import type { Ack, Envelope } from './types.js';
import type { Workspace } from './workspace.js';

interface Pending {
  envelope: Envelope;
  sentAt: number;
  resolve: (ack: Ack) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class AckBook {
  readonly acks: Ack[] = [];
  private readonly pending = new Map<string, Pending[]>();

  constructor(
    private readonly ws: Workspace,
    private readonly deadlineMs: number,
    private readonly onAck: (ack: Ack, envelope: Envelope) => void,
  ) {}

  /** Resolves with the ack for `envelope`; fails after `timeoutMs` without one. */
  expect(envelope: Envelope, timeoutMs: number): Promise<Ack> {
    const id = envelope.envelope_id;
    return new Promise<Ack>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.set(
          id,
          (this.pending.get(id) ?? []).filter((p) => p.timer !== timer),
        );
        reject(new Error(`fake Slack: no ack for ${envelope.type} envelope ${id}`));
      }, timeoutMs);
      const entry = { envelope, sentAt: Date.now(), resolve, reject, timer };
      this.pending.set(id, [...(this.pending.get(id) ?? []), entry]);
    });
  }

  /** A text frame from the client: an ack, or a violation when it is not one. */
  receive(text: string): void {
    let message: Partial<Ack>;
    try {
      message = JSON.parse(text) as Partial<Ack>;
    } catch {
      this.ws.report('socket', 'ack_not_json', text.slice(0, 200));
      return;
    }
    const id = String(message.envelope_id ?? '');
    const ack: Ack = { envelope_id: id, payload: message.payload ?? {} };
    this.acks.push(ack);
    const waiting = this.pending.get(id);
    if (!waiting || waiting.length === 0) {
      this.ws.report('socket', 'ack_unknown_envelope', id);
      return;
    }
    this.pending.delete(id);
    for (const entry of waiting) this.settle(entry, ack);
  }

  private settle(entry: Pending, ack: Ack): void {
    clearTimeout(entry.timer);
    const elapsed = Date.now() - entry.sentAt;
    if (elapsed > this.deadlineMs) {
      this.ws.report('socket', 'ack_late', `${ack.envelope_id} after ${elapsed} ms`);
    }
    this.onAck(ack, entry.envelope);
    entry.resolve(ack);
  }

  rejectAll(reason: string): void {
    for (const waiting of this.pending.values()) {
      for (const entry of waiting) {
        clearTimeout(entry.timer);
        entry.reject(new Error(reason));
      }
    }
    this.pending.clear();
  }
}
