/** The run lifecycle: record, queue, execute with retries, record the end, tell listeners. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { renderCommand } from '../catalog/render.js';
import type { Config, ServerConfig } from '../config/schema.js';
import { JobdeckError, messageOf } from '../errors.js';
import type { Logger } from '../log.js';
import type { Db } from '../store/db.js';
import type { NewRun, Run, RunUpdate } from '../store/tables.js';
import { CancelPoll } from './cancel-poll.js';
import type { Executor } from './executor.js';
import { OverlapGuard } from './overlap.js';
import { RunQueue, type Ticket } from './queue.js';
import { interruptedUpdate, notStartedUpdate } from './run-endings.js';
import { executeRun } from './run-execution.js';
import { ownerAlive, queuedRow, type RunEvent, type RunRequest } from './run-request.js';
import { type FinishHook, RunStore } from './run-store.js';

export type { RunEvent, RunRequest } from './run-request.js';
export type { FinishHook } from './run-store.js';

export interface RunnerOptions {
  db: Db;
  executors: { for(server: string): Executor; server(name: string): ServerConfig };
  runner: Config['runner'];
  dataDir: string;
  logger: Logger;
  finishHooks?: FinishHook[];
  /** How often to look for cancel requests from other processes. */
  cancelPollMs?: number;
}

interface Active {
  ticket: Ticket;
  stop: AbortController;
  done: Promise<Run>;
}

export class Runner {
  readonly store: RunStore;
  private readonly queue: RunQueue;
  private readonly listeners = new Set<(event: RunEvent) => void>();
  private readonly active = new Map<number, Active>();
  private readonly overlap: OverlapGuard;
  private readonly logDir: string;
  private readonly poll: CancelPoll;
  private closed = false;

  constructor(private readonly options: RunnerOptions) {
    this.store = new RunStore(options.db);
    this.overlap = new OverlapGuard(this.store);
    this.queue = new RunQueue(options.runner.max_concurrent);
    this.logDir = join(options.dataDir, 'logs');
    mkdirSync(this.logDir, { recursive: true });
    this.poll = new CancelPoll({
      store: this.store,
      intervalMs: options.cancelPollMs ?? 1000,
      active: () => [...this.active.keys()],
      cancel: (runId) => void this.cancel(runId),
      logger: options.logger,
    });
  }

  on(listener: (event: RunEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Records the run as `queued` before anything executes; `done` settles with its final row. */
  async submit(request: RunRequest): Promise<{ runId: number; done: Promise<Run> }> {
    if (this.closed) throw new JobdeckError('run_unknown', 'the runner is shut down');
    const server = this.options.executors.server(request.server);
    const { command, display } = renderCommand(request.item, request.values);
    const definitionId = request.definitionId;
    const settings =
      definitionId === undefined ? undefined : await this.store.definitionSettings(definitionId);
    const row = queuedRow(request, display, Date.now());
    if (settings?.overlap === 'skip' && definitionId !== undefined) {
      const busy = await this.overlap.busy(definitionId, server.name);
      const skipped = busy === undefined ? undefined : await this.skip(row, busy);
      if (skipped) return { runId: skipped.id, done: Promise.resolve(skipped) };
    }
    const run = await this.store.insert(row).catch((error: unknown) => {
      this.overlap.release(definitionId, server.name);
      throw error;
    });
    this.emit({ type: 'queued', run });
    const ticket: Ticket = {
      runId: run.id,
      server: server.name,
      serverLimit: server.max_concurrent,
      exclusive:
        settings?.overlap === 'queue' ? `definition:${definitionId}@${server.name}` : undefined,
    };
    const stop = new AbortController();
    const timeoutS = request.timeoutSeconds ?? settings?.timeout ?? request.item.default_timeout;
    const done = this.drive(run, ticket, stop, { request, command, timeoutS });
    this.active.set(run.id, { ticket, stop, done });
    this.poll.wake();
    return { runId: run.id, done };
  }

  /** Stops a run here, or asks the process that owns it; false when it already ended. */
  async cancel(runId: number): Promise<boolean> {
    const active = this.active.get(runId);
    if (!active) return this.store.requestCancel(runId, Date.now());
    this.queue.withdraw(runId);
    active.stop.abort('cancel');
    return true;
  }

  /** Marks runs a stopped process left queued or running as `interrupted`, and answers them. */
  async recoverInterrupted(): Promise<Run[]> {
    const left = await this.store.unfinished();
    const orphans = left.filter((run) => !this.active.has(run.id) && !ownerAlive(run.owner));
    const recovered: Run[] = [];
    for (const run of orphans) {
      const final = await this.end(run.id, interruptedUpdate(run, Date.now()));
      this.options.logger.warn({ runId: run.id, item: run.item_name }, 'run interrupted');
      this.emit({ type: 'finished', run: final });
      recovered.push(final);
    }
    return recovered;
  }

  /** Stops waiting and running runs (recorded `interrupted`) and waits for their records. */
  async close(): Promise<void> {
    this.closed = true;
    const pending = [...this.active.entries()].map(([runId, active]) => {
      this.queue.withdraw(runId);
      active.stop.abort('shutdown');
      return active.done;
    });
    await Promise.allSettled(pending);
    this.poll.stop();
  }

  private async skip(row: NewRun, error: string): Promise<Run> {
    const now = Date.now();
    const skipped = { ...row, status: 'skipped' as const, error, finished_at: now, duration_ms: 0 };
    const run = await this.store.insertFinished(skipped, this.options.finishHooks ?? []);
    this.emit({ type: 'finished', run });
    return run;
  }

  private async drive(
    queued: Run,
    ticket: Ticket,
    stop: AbortController,
    job: { request: RunRequest; command: string; timeoutS: number },
  ): Promise<Run> {
    let admitted = false;
    let run: Run;
    try {
      admitted = await this.queue.enter(ticket);
      run = admitted
        ? await executeRun({
            queued,
            stop: stop.signal,
            executor: this.options.executors.for(ticket.server),
            ...job,
            runner: this.options.runner,
            logPath: join(this.logDir, `run-${queued.id}.log`),
            store: this.store,
            emit: (event) => this.emit(event),
            end: (update) => this.end(queued.id, update),
          })
        : await this.end(queued.id, notStartedUpdate(stop.signal.reason));
    } catch (error) {
      this.options.logger.error({ runId: queued.id, err: messageOf(error) }, 'run failed');
      const finished_at = Date.now();
      run = await this.end(queued.id, { status: 'failure', error: messageOf(error), finished_at });
    } finally {
      if (admitted) this.queue.leave(ticket);
      this.active.delete(queued.id);
      this.overlap.release(queued.definition_id, queued.server_name);
    }
    const { id, item_name: item, server_name: server, status } = run;
    this.options.logger.info({ runId: id, item, server, status }, 'run finished');
    this.emit({ type: 'finished', run });
    return run;
  }

  /** The final write, hooks in its transaction; a failing hook must not leave the run open. */
  private async end(runId: number, update: RunUpdate): Promise<Run> {
    try {
      return await this.store.finish(runId, update, this.options.finishHooks ?? []);
    } catch (error) {
      this.options.logger.error({ runId, err: messageOf(error) }, 'finish hook failed');
      return this.store.update(runId, update);
    }
  }

  private emit(event: RunEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        this.options.logger.warn({ err: messageOf(error) }, 'run listener threw');
      }
    }
  }
}
