/** A test's grip on one dispatched interaction: await its callback, follow-ups and messages. */
import type { Recorder } from './recorder.js';
import type { FakeState, InteractionRecord } from './state.js';
import type { JsonObject, RecordedCall, StoredMessage } from './types.js';

const CALLBACK = '/interactions/:interaction/:token/callback';
const FOLLOW_UP = '/webhooks/:app/:token';

export class InteractionHandle {
  constructor(
    private readonly record: InteractionRecord,
    private readonly recorder: Recorder,
    private readonly state: FakeState,
  ) {}

  get id(): string {
    return this.record.id;
  }

  get token(): string {
    return this.record.token;
  }

  /** The INTERACTION_CREATE payload as dispatched. */
  get payload(): JsonObject {
    return this.record.payload;
  }

  /** The first accepted callback (2xx); its body holds `type` and `data`. */
  callback(timeoutMs = 5000): Promise<RecordedCall> {
    return this.waitForCall((c) => c.route === CALLBACK && c.status < 300, timeoutMs);
  }

  /** The n-th accepted follow-up (0 first), counting in the order they arrived. */
  followUp(index = 0, timeoutMs = 5000): Promise<RecordedCall> {
    let seen = -1;
    return this.waitForCall((c) => {
      if (c.method !== 'POST' || c.route !== FOLLOW_UP || c.status >= 300) return false;
      seen += 1;
      return seen === index;
    }, timeoutMs);
  }

  /** The first call made with this interaction's id or token that matches. */
  waitForCall(predicate: (call: RecordedCall) => boolean, timeoutMs = 5000): Promise<RecordedCall> {
    return this.recorder.waitFor((c) => c.interactionId === this.id && predicate(c), timeoutMs);
  }

  /** Every call made with this interaction's id or token so far. */
  calls(): RecordedCall[] {
    return this.recorder.calls.filter((c) => c.interactionId === this.id);
  }

  /** The message @original stands for, once a callback made or chose one. */
  original(): StoredMessage | undefined {
    return this.state.messages.get(this.record.originalId ?? '');
  }

  followUps(): StoredMessage[] {
    return this.record.followUpIds.flatMap((id) => this.state.messages.get(id) ?? []);
  }

  /** The modal a type 9 callback showed, or null. */
  modal(): JsonObject | null {
    return this.record.modal;
  }

  /**
   * Ages the interaction: 'callback' closes the 3-second window (callbacks answer 10062);
   * 'token' ends the 15-minute token (webhook calls answer 401 50027).
   */
  expire(what: 'callback' | 'token' = 'token'): void {
    if (what === 'callback') this.record.callbackExpired = true;
    else this.record.tokenExpired = true;
  }

  /** @internal the record, for building a modal submission from this interaction's modal. */
  recordForFake(): InteractionRecord {
    return this.record;
  }
}
