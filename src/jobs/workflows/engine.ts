/** Runs workflows: each step a multi-server run, then its on_success, on_failure, always steps. */
import type { Transaction } from 'kysely';
import type { CatalogItem } from '../../catalog/schema.js';
import { JobdeckError, messageOf } from '../../errors.js';
import type { Logger } from '../../log.js';
import { OWNER, ownerAlive } from '../../runner/run-request.js';
import { type Db, json } from '../../store/db.js';
import type { Database, GroupStatus, RunTrigger, WorkflowRun } from '../../store/tables.js';
import type { RunGroups } from '../groups/groups.js';
import type { KnownServer } from '../groups/select.js';
import { nextSteps, startStep, stepOf, type Workflow, type WorkflowStep } from './schema.js';
import { stepItem, stepRequest, stepValues } from './step-request.js';
import { WorkflowRunStore } from './store.js';
import { type WorkflowView, workflowView } from './view.js';

export type WorkflowHook = (
  trx: Transaction<Database>,
  run: WorkflowRun,
  view: WorkflowView,
) => Promise<void>;

export type WorkflowEvent =
  | { type: 'changed'; runId: number }
  | { type: 'finished'; run: WorkflowRun };

export interface StartOptions {
  actor: string;
  trigger: RunTrigger;
  thread?: unknown;
  notifyChannels?: string[] | undefined;
}

export interface WorkflowsOptions {
  db: Db;
  groups: RunGroups;
  item(name: string): CatalogItem | undefined;
  servers(): Promise<KnownServer[]>;
  finishHooks?: WorkflowHook[];
  logger: Logger;
}

interface Active {
  cancelled: boolean;
  groups: Set<number>;
  done?: Promise<WorkflowRun>;
}

export class Workflows {
  readonly runs: WorkflowRunStore;
  readonly #definitions: ReadonlyMap<string, Workflow>;
  readonly #active = new Map<number, Active>();
  readonly #listeners = new Set<(event: WorkflowEvent) => void>();
  #stopping = false;

  constructor(
    private readonly options: WorkflowsOptions,
    definitions: readonly Workflow[],
  ) {
    this.runs = new WorkflowRunStore(options.db);
    this.#definitions = new Map(definitions.map((w) => [w.name, w]));
    options.groups.on((event) => {
      const groupId = event.type === 'finished' ? event.group.id : event.groupId;
      for (const [runId, active] of this.#active) {
        if (active.groups.has(groupId)) this.#emit({ type: 'changed', runId });
      }
    });
  }

  list(): Workflow[] {
    return [...this.#definitions.values()];
  }

  get(name: string): Workflow | undefined {
    return this.#definitions.get(name);
  }

  on(listener: (event: WorkflowEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  view(runId: number): Promise<WorkflowView | undefined> {
    return workflowView(this.runs, this.options.groups.store, runId);
  }

  /** Records the run, then runs its start step; `done` settles with the final record. */
  async start(name: string, options: StartOptions) {
    if (this.#stopping) throw new JobdeckError('run_unknown', 'jobdeck is shutting down');
    const workflow = this.get(name);
    if (!workflow) throw new JobdeckError('not_found', `no workflow ${name}`);
    for (const step of workflow.steps) stepValues(step, stepItem(step, this.options.item));
    const run = await this.runs.insert({
      workflow_name: name,
      definition: json.encode(workflow),
      status: 'running',
      actor: options.actor,
      trigger: options.trigger,
      thread: options.thread === undefined ? null : json.encode(options.thread),
      notify_channels: options.notifyChannels ? json.encode(options.notifyChannels) : null,
      owner: OWNER,
      error: null,
      cancel_requested_at: null,
      started_at: Date.now(),
      finished_at: null,
    });
    const active: Active = { cancelled: false, groups: new Set() };
    this.#active.set(run.id, active);
    const done = this.#drive(run, workflow, options, active).finally(() =>
      this.#active.delete(run.id),
    );
    active.done = done;
    return { runId: run.id, done };
  }

  /** Shutting down: no step starts; settles once every run recorded its end (`interrupted`). */
  stop(): Promise<void> {
    this.#stopping = true;
    for (const active of this.#active.values()) active.cancelled = true;
    const dones = [...this.#active.values()].map((active) => active.done);
    return Promise.allSettled(dones).then(() => undefined);
  }

  /** Stops the run: no further step starts, running steps are cancelled. */
  async cancel(runId: number): Promise<boolean> {
    const asked = await this.runs.requestCancel(runId, Date.now());
    const active = this.#active.get(runId);
    const groups = active ? [...active.groups] : (await this.runs.groups(runId)).map((g) => g.id);
    if (active) active.cancelled = true;
    await Promise.all(groups.map((id) => this.options.groups.cancel(id)));
    return asked || active !== undefined;
  }

  /** Marks runs a stopped process left running as `interrupted`. */
  async recoverInterrupted(): Promise<WorkflowRun[]> {
    const left = (await this.runs.running()).filter(
      (r) => !this.#active.has(r.id) && !ownerAlive(r.owner),
    );
    const update = { status: 'interrupted' as const, error: null, finished_at: Date.now() };
    return Promise.all(left.map((run) => this.runs.finish(run.id, update, [])));
  }

  async #drive(run: WorkflowRun, workflow: Workflow, options: StartOptions, active: Active) {
    const outcomes = new Map<string, GroupStatus>();
    const pending: Promise<void>[] = [];
    const launch = (name: string) => {
      const step = stepOf(workflow, name);
      if (!step || outcomes.has(name)) return;
      outcomes.set(name, 'running');
      const ran = this.#step(run, step, options, active).then((status) => {
        outcomes.set(name, status);
        this.#emit({ type: 'changed', runId: run.id });
        if (active.cancelled || status === 'cancelled') return;
        for (const next of nextSteps(step, status === 'success')) launch(next);
      });
      pending.push(ran);
    };
    launch(startStep(workflow));
    for (let i = 0; i < pending.length; i++) await pending[i];
    const statuses = [...outcomes.values()];
    const status: GroupStatus = active.cancelled
      ? this.#stopping
        ? 'interrupted'
        : 'cancelled'
      : statuses.every((s) => s === 'success')
        ? 'success'
        : 'failure';
    return this.#finish(run.id, status);
  }

  async #step(run: WorkflowRun, step: WorkflowStep, options: StartOptions, active: Active) {
    if (active.cancelled || (await this.runs.cancelRequested(run.id))) {
      active.cancelled = true;
      return 'cancelled' as const;
    }
    try {
      const item = stepItem(step, this.options.item);
      const who = { actor: options.actor, trigger: options.trigger, workflowRunId: run.id };
      const known = await this.options.servers();
      const { groupId, done } = await this.options.groups.start(
        stepRequest(step, item, known, who),
      );
      active.groups.add(groupId);
      this.#emit({ type: 'changed', runId: run.id });
      const group = await done;
      active.groups.delete(groupId);
      return group.status;
    } catch (error) {
      this.options.logger.warn(
        { workflowRunId: run.id, step: step.name, err: messageOf(error) },
        'step failed',
      );
      return 'failure' as const;
    }
  }

  async #finish(runId: number, status: GroupStatus): Promise<WorkflowRun> {
    const found = await this.view(runId);
    const view = found && {
      ...found,
      steps: found.steps.map((s) =>
        s.status === 'pending' ? { ...s, status: 'not run' as const } : s,
      ),
    };
    const update = { status, error: null, finished_at: Date.now() };
    const hooks = (this.options.finishHooks ?? []).map(
      (hook) => (trx: Transaction<Database>, run: WorkflowRun) =>
        view ? hook(trx, run, { ...view, run }) : Promise.resolve(),
    );
    const final = await this.runs.finish(runId, update, hooks).catch((error: unknown) => {
      this.options.logger.error({ workflowRunId: runId, err: messageOf(error) }, 'hook failed');
      return this.runs.finish(runId, update, []);
    });
    this.#emit({ type: 'finished', run: final });
    return final;
  }

  #emit(event: WorkflowEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.options.logger.warn({ err: messageOf(error) }, 'workflow listener threw');
      }
    }
  }
}
