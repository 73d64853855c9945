/** Multi-server runs: one item on N servers in parallel under a limit, as one result. */
import type { CatalogItem } from '../../catalog/schema.js';
import { JobdeckError, messageOf } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { RunRequest } from '../../runner/run-request.js';
import { ownerAlive } from '../../runner/run-request.js';
import type { Db } from '../../store/db.js';
import type { GroupStatus, Run, RunGroup } from '../../store/tables.js';
import {
  type GroupHook,
  GroupStore,
  type GroupView,
  resultOf,
  type ServerResult,
} from './group-store.js';

import { type GroupRequest, groupRow, rerunRequest } from './rerun.js';

export type { GroupHook, GroupView, ServerResult } from './group-store.js';
export type { GroupRequest } from './rerun.js';

export interface GroupRunner {
  submit(request: RunRequest): Promise<{ runId: number; done: Promise<Run> }>;
  cancel(runId: number): Promise<boolean>;
}

export type GroupEvent =
  | { type: 'changed'; groupId: number }
  | { type: 'finished'; group: RunGroup };

export interface RunGroupsOptions {
  db: Db;
  runner: GroupRunner;
  /** The catalog item of a name, for reruns. */
  item(name: string): CatalogItem | undefined;
  maxParallel: number;
  finishHooks?: GroupHook[];
  logger: Logger;
}

interface Active {
  cancelled: boolean;
  runs: Set<number>;
  done?: Promise<RunGroup>;
}

export class RunGroups {
  readonly store: GroupStore;
  readonly #active = new Map<number, Active>();
  readonly #listeners = new Set<(event: GroupEvent) => void>();
  #stopping = false;

  constructor(private readonly options: RunGroupsOptions) {
    this.store = new GroupStore(options.db);
  }

  on(listener: (event: GroupEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Records the group, then runs it; `done` settles with the group's final row. */
  async start(request: GroupRequest): Promise<{ groupId: number; done: Promise<RunGroup> }> {
    if (this.#stopping) throw new JobdeckError('run_unknown', 'jobdeck is shutting down');
    const servers = [...new Set(request.servers)];
    const row = groupRow({ ...request, servers }, this.options.maxParallel, Date.now());
    const group = await this.store.insert(row);
    const active: Active = { cancelled: false, runs: new Set() };
    this.#active.set(group.id, active);
    const done = this.#drive(group, { ...request, servers }, active).finally(() =>
      this.#active.delete(group.id),
    );
    active.done = done;
    return { groupId: group.id, done };
  }

  /**
   * Shutting down: no group starts, waiting servers never start. Call before the runner closes;
   * the answer settles once every group has recorded its end (`interrupted`).
   */
  stop(): Promise<void> {
    this.#stopping = true;
    for (const active of this.#active.values()) active.cancelled = true;
    const dones = [...this.#active.values()].map((active) => active.done);
    return Promise.allSettled(dones).then(() => undefined);
  }

  /** Stops the group: waiting servers never start, running ones are cancelled. */
  async cancel(groupId: number): Promise<boolean> {
    const active = this.#active.get(groupId);
    const asked = await this.store.requestCancel(groupId, Date.now());
    if (!active) {
      const runs = await this.store.runsOf(groupId);
      for (const run of runs) await this.options.runner.cancel(run.id);
      return asked;
    }
    active.cancelled = true;
    await Promise.all([...active.runs].map((id) => this.options.runner.cancel(id)));
    return true;
  }

  /** A new group of the same item and values on the servers that did not succeed. */
  async rerunFailed(
    groupId: number,
    who: { actor: string; thread?: unknown },
  ): Promise<{ groupId: number; done: Promise<RunGroup>; servers: string[] }> {
    const view = await this.view(groupId);
    if (!view) throw new JobdeckError('run_unknown', `no run group ${groupId}`);
    const request = rerunRequest(view, this.options.item(view.group.item_name), who);
    const started = await this.start(request);
    const { servers } = request;
    return { ...started, servers };
  }

  view(groupId: number): Promise<GroupView | undefined> {
    return this.store.view(groupId);
  }

  /** Marks groups a stopped process left running as `interrupted`. */
  async recoverInterrupted(): Promise<RunGroup[]> {
    const left = (await this.store.running()).filter(
      (g) => !this.#active.has(g.id) && !ownerAlive(g.owner),
    );
    const recovered: RunGroup[] = [];
    for (const group of left) {
      const view = await this.store.view(group.id);
      const results = view?.servers ?? [];
      recovered.push(await this.#finish(group, results, 'interrupted'));
    }
    return recovered;
  }

  async #drive(group: RunGroup, request: GroupRequest, active: Active): Promise<RunGroup> {
    const results = new Map<string, ServerResult>(
      request.servers.map((server) => [server, { server, runId: null, status: 'not run' }]),
    );
    if (request.error) return this.#finish(group, [...results.values()], 'failure');
    const waiting = [...request.servers];
    const lane = async () => {
      for (let server = waiting.shift(); server !== undefined; server = waiting.shift()) {
        if (active.cancelled || (await this.store.cancelRequested(group.id))) {
          active.cancelled = true;
          return;
        }
        results.set(server, await this.#runOne(group, request, server, active));
        this.#emit({ type: 'changed', groupId: group.id });
      }
    };
    const lanes = Math.max(1, Math.min(group.max_parallel, request.servers.length));
    await Promise.all(Array.from({ length: lanes }, lane));
    const all = [...results.values()];
    const successes = all.filter((r) => r.status === 'success').length;
    const status: GroupStatus =
      active.cancelled && successes < all.length
        ? this.#stopping
          ? 'interrupted'
          : 'cancelled'
        : successes >= group.required
          ? 'success'
          : 'failure';
    return this.#finish(group, all, status);
  }

  async #runOne(group: RunGroup, request: GroupRequest, server: string, active: Active) {
    try {
      const { runId, done } = await this.options.runner.submit({
        item: request.item,
        server,
        values: request.values,
        actor: request.actor,
        trigger: request.trigger,
        definitionId: request.definitionId,
        scheduleId: request.scheduleId,
        dueAt: request.dueAt,
        parentRunId: request.parentRunId,
        timeoutSeconds: request.timeoutSeconds,
        thread: request.thread,
        groupId: group.id,
        workflowRunId: request.workflowRunId,
        step: request.step,
      });
      active.runs.add(runId);
      this.#emit({ type: 'changed', groupId: group.id });
      const run = await done;
      active.runs.delete(runId);
      return resultOf(run);
    } catch (error) {
      this.options.logger.warn({ groupId: group.id, server, err: messageOf(error) }, 'not run');
      return { server, runId: null, status: 'failure' as const, error: messageOf(error) };
    }
  }

  async #finish(group: RunGroup, results: ServerResult[], status: GroupStatus) {
    const successes = results.filter((r) => r.status === 'success').length;
    const update = {
      status,
      success_count: successes,
      failure_count: results.length - successes,
      results,
      finished_at: Date.now(),
    };
    const final = await this.store
      .finish(group.id, update, this.options.finishHooks ?? [])
      .catch((error: unknown) => {
        // The group's result must be recorded even when its notification cannot be.
        this.options.logger.error(
          { groupId: group.id, err: messageOf(error) },
          'group hook failed',
        );
        return this.store.finish(group.id, update, []);
      });
    this.#emit({ type: 'finished', group: final });
    return final;
  }

  #emit(event: GroupEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.options.logger.warn({ err: messageOf(error) }, 'group listener threw');
      }
    }
  }
}
