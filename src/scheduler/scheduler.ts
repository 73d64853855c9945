/** The cron scheduler: arms enabled schedules, claims each due time once, then fires it. */
import { messageOf } from '../errors.js';
import { type Logger, silentLogger } from '../log.js';
import type { Db } from '../store/db.js';
import type { Schedule } from '../store/tables.js';
import { claimAndFire, lookAhead } from './due.js';
import {
  createSchedule,
  deleteSchedule,
  type ScheduleInput,
  setScheduleEnabled,
  updateSchedule,
} from './manage.js';
import { settleMissed } from './missed.js';
import {
  claimDueTime,
  recordNextRun,
  type ScheduleChanges,
  schedulesFingerprint,
  selectSchedules,
} from './store.js';
import { listScheduleSummaries, type ScheduleSummary } from './summary.js';
import { type DueEntry, Timeline } from './timeline.js';

export type FireSchedule = (schedule: Schedule, dueAt: number) => Promise<void>;

export interface SchedulerOptions {
  db: Db;
  /** Starts the run for a claimed due time; main.ts connects it to the runner. */
  fire: FireSchedule;
  logger?: Logger;
  /** The clock for start-up decisions and recorded times; the due-time timer uses the real one. */
  now?: () => number;
  /** How often to pick up changes other processes (the CLI) made, in ms; 0 turns it off. */
  syncInterval?: number;
}

export class Scheduler {
  readonly #db: Db;
  readonly #fire: FireSchedule;
  readonly #log: Logger;
  readonly #now: () => number;
  readonly #syncInterval: number;
  readonly #timeline = new Timeline((due) => this.#onDue(due));
  readonly #inFlight = new Set<Promise<unknown>>();
  #timer: NodeJS.Timeout | undefined;
  #started = false;
  #fingerprint = '';

  constructor(options: SchedulerOptions) {
    this.#db = options.db;
    this.#fire = options.fire;
    this.#log = options.logger ?? silentLogger();
    this.#now = options.now ?? Date.now;
    this.#syncInterval = options.syncInterval ?? 10_000;
  }

  /** Decides missed runs, then arms every enabled schedule. */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    for (const row of await selectSchedules(this.#db)) await this.#settleMissed(row);
    await this.sync();
    if (this.#syncInterval > 0) {
      this.#timer = setInterval(() => this.#track(this.#poll()), this.#syncInterval);
      this.#timer.unref();
    }
    this.#log.info({ armed: this.armedIds().length }, 'scheduler started');
  }

  /** Stops the timers and waits for fires in progress. */
  async stop(): Promise<void> {
    this.#started = false;
    clearInterval(this.#timer);
    this.#timeline.clear();
    while (this.#inFlight.size > 0) await Promise.allSettled([...this.#inFlight]);
  }

  async add(input: ScheduleInput): Promise<Schedule> {
    return this.#apply(await createSchedule(this.#db, input, this.#now()));
  }

  async update(id: number, changes: Omit<ScheduleChanges, 'nextRunAt'>): Promise<Schedule> {
    return this.#apply(await updateSchedule(this.#db, id, changes, this.#now()));
  }

  async pause(id: number): Promise<Schedule> {
    return this.#apply(await setScheduleEnabled(this.#db, id, false, this.#now()));
  }

  async resume(id: number): Promise<Schedule> {
    return this.#apply(await setScheduleEnabled(this.#db, id, true, this.#now()));
  }

  async remove(id: number): Promise<void> {
    await deleteSchedule(this.#db, id);
    this.#timeline.delete(id);
  }

  async list(): Promise<ScheduleSummary[]> {
    return listScheduleSummaries(this.#db, this.#now());
  }

  /** Ids of the schedules armed in this process. */
  armedIds(): number[] {
    return this.#timeline.ids();
  }

  async #poll(): Promise<void> {
    const fingerprint = await schedulesFingerprint(this.#db);
    if (fingerprint === this.#fingerprint) return;
    this.#fingerprint = fingerprint;
    await this.sync();
  }

  /** Brings the timeline in line with the table: new, changed, paused and deleted schedules. */
  async sync(): Promise<void> {
    const rows = await selectSchedules(this.#db);
    if (!this.#started) return;
    const seen = new Set<number>();
    for (const row of rows) {
      seen.add(row.id);
      const armed = this.#timeline.get(row.id);
      if (row.enabled !== 1) this.#timeline.delete(row.id);
      else if (!armed || changed(armed.row, row)) this.#arm(row);
    }
    for (const id of this.armedIds()) if (!seen.has(id)) this.#timeline.delete(id);
  }

  /**
   * Acts on one due time: claims it (compare-and-set of `last_due_at`, committed first), then
   * fires. Answers false when another process or an earlier fire already owns it.
   */
  async fireDue(id: number, dueAt: number): Promise<boolean> {
    const row = await claimDueTime(this.#db, id, dueAt);
    if (row) await this.#fireClaimed(row, dueAt);
    else this.#log.debug({ schedule: id, dueAt }, 'due time already claimed');
    return row !== undefined;
  }

  #apply(row: Schedule): Schedule {
    if (row.enabled === 1) this.#arm(row);
    else this.#timeline.delete(row.id);
    return row;
  }

  #arm(row: Schedule): void {
    if (!this.#started) return;
    try {
      const { nextAt } = this.#timeline.set(row);
      if (nextAt !== row.next_run_at) this.#track(recordNextRun(this.#db, row.id, nextAt));
    } catch (error) {
      this.#timeline.delete(row.id);
      this.#log.warn({ schedule: row.id, err: messageOf(error) }, 'schedule not armed');
    }
  }

  #onDue(due: DueEntry[]): void {
    const fire = (row: Schedule, dueAt: number) => this.#track(this.#fireClaimed(row, dueAt));
    const failed = (error: unknown) =>
      this.#log.warn({ err: messageOf(error) }, 'due times not claimed; they are skipped');
    const work = claimAndFire(this.#db, due, fire, failed);
    this.#track(work.then(() => lookAhead(this.#db, this.#timeline, due)));
  }

  async #settleMissed(row: Schedule): Promise<void> {
    try {
      const catchUp = await settleMissed(this.#db, row, this.#now(), this.#log);
      if (catchUp) await this.#fireClaimed(catchUp.row, catchUp.dueAt);
    } catch (error) {
      this.#log.warn({ schedule: row.id, err: messageOf(error) }, 'missed runs not decided');
    }
  }

  async #fireClaimed(row: Schedule, dueAt: number): Promise<void> {
    try {
      await this.#fire(row, dueAt);
    } catch (error) {
      this.#log.warn(
        { schedule: row.id, dueAt, err: messageOf(error) },
        'scheduled run could not start; the next due time runs as planned',
      );
    }
  }

  #track(work: Promise<unknown>): void {
    const tracked = work.catch((error: unknown) =>
      this.#log.warn({ err: messageOf(error) }, 'scheduler bookkeeping failed'),
    );
    this.#inFlight.add(tracked);
    void tracked.finally(() => this.#inFlight.delete(tracked));
  }
}

function changed(before: Schedule, after: Schedule): boolean {
  const keys = ['updated_at', 'cron', 'timezone'] as const;
  return keys.some((key) => before[key] !== after[key]);
}
