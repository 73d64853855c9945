/**
 * The next due time of every armed schedule, on one timer. croner computes the times; waiting
 * on a single timer keeps 1,000 idle schedules from waking 1,000 timers.
 */
import type { Schedule } from '../store/tables.js';
import { cronFor, expandNickname } from './cron-check.js';

/** Timers wake at least this often, so a wall-clock jump or a suspend is noticed. */
const MAX_WAIT = 60_000;

export interface TimelineEntry {
  readonly row: Schedule;
  /** The due time being waited for; null while a due time is being handled or none is left. */
  nextAt: number | null;
}

export interface DueEntry {
  entry: TimelineEntry;
  dueAt: number;
}

export class Timeline {
  readonly #entries = new Map<number, TimelineEntry>();
  readonly #onDue: (due: DueEntry[]) => void;
  #timer: NodeJS.Timeout | undefined;
  #timerAt = Number.POSITIVE_INFINITY;

  constructor(onDue: (due: DueEntry[]) => void) {
    this.#onDue = onDue;
  }

  /** Arms (or re-arms) a schedule from now; throws when croner cannot read it. */
  set(row: Schedule): TimelineEntry {
    const entry: TimelineEntry = { row, nextAt: nextAfter(row, Date.now()) };
    this.#entries.set(row.id, entry);
    this.retime();
    return entry;
  }

  get(id: number): TimelineEntry | undefined {
    return this.#entries.get(id);
  }

  ids(): number[] {
    return [...this.#entries.keys()];
  }

  delete(id: number): void {
    if (this.#entries.delete(id)) this.retime();
  }

  clear(): void {
    this.#entries.clear();
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#timerAt = Number.POSITIVE_INFINITY;
  }

  /**
   * Moves a still-armed entry to its first due time after `after`; call retime() once done.
   * `memo` shares the answer between schedules with the same expression and zone.
   */
  advance(entry: TimelineEntry, after: number, memo = new Map<string, number | null>()): void {
    if (this.#entries.get(entry.row.id) !== entry) return;
    const key = `${after} ${entry.row.timezone} ${entry.row.cron}`;
    let next = memo.get(key);
    if (next === undefined) {
      next = nextAfter(entry.row, after);
      memo.set(key, next);
    }
    entry.nextAt = next;
  }

  /** Points the one timer at the earliest due time. */
  retime(): void {
    let earliest = Number.POSITIVE_INFINITY;
    for (const entry of this.#entries.values()) {
      if (entry.nextAt !== null && entry.nextAt < earliest) earliest = entry.nextAt;
    }
    const wakeAt = Math.min(earliest, Date.now() + MAX_WAIT);
    if (this.#timer && wakeAt === this.#timerAt) return;
    clearTimeout(this.#timer);
    this.#timerAt = wakeAt;
    this.#timer =
      this.#entries.size === 0
        ? undefined
        : setTimeout(() => this.#wake(), Math.max(0, wakeAt - Date.now()));
  }

  #wake(): void {
    this.#timer = undefined;
    const now = Date.now();
    const due: DueEntry[] = [];
    for (const entry of this.#entries.values()) {
      if (entry.nextAt === null || entry.nextAt > now) continue;
      due.push({ entry, dueAt: entry.nextAt });
      entry.nextAt = null;
    }
    this.retime();
    if (due.length > 0) this.#onDue(due);
  }
}

function nextAfter(row: Schedule, after: number): number | null {
  const cron = cronFor(expandNickname(row.cron), row.timezone);
  return cron.nextRun(new Date(after))?.getTime() ?? null;
}
