/** The workflows and workflow_runs tables: definitions synced from files, and each run's record. */
import type { Transaction } from 'kysely';
import { type Db, json } from '../../store/db.js';
import type { Database, GroupStatus, RunGroup, WorkflowRun } from '../../store/tables.js';
import type { Workflow } from './schema.js';

export type NewWorkflowRun = Omit<WorkflowRun, 'id'>;

/** Writes the workflows read from files; those no longer in any file stay, disabled. */
export async function syncWorkflows(
  db: Db,
  workflows: ReadonlyArray<{ workflow: Workflow; file: string }>,
  now = Date.now(),
): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('workflows').set({ enabled: 0 }).execute();
    for (const { workflow, file } of workflows) {
      const row = {
        display_name: workflow.display_name,
        description: workflow.description,
        definition: json.encode(workflow),
        source: file,
        enabled: 1,
        updated_at: now,
      };
      await trx
        .insertInto('workflows')
        .values({ name: workflow.name, ...row })
        .onConflict((conflict) => conflict.column('name').doUpdateSet(row))
        .execute();
    }
  });
}

export class WorkflowRunStore {
  constructor(private readonly db: Db) {}

  insert(row: NewWorkflowRun): Promise<WorkflowRun> {
    return this.db.insertInto('workflow_runs').values(row).returningAll().executeTakeFirstOrThrow();
  }

  get(id: number): Promise<WorkflowRun | undefined> {
    return this.db.selectFrom('workflow_runs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Newest first. */
  list(limit = 20, name?: string): Promise<WorkflowRun[]> {
    let query = this.db.selectFrom('workflow_runs').selectAll();
    if (name !== undefined) query = query.where('workflow_name', '=', name);
    return query.orderBy('id', 'desc').limit(limit).execute();
  }

  /** The step groups of a run, oldest first. */
  groups(id: number): Promise<RunGroup[]> {
    return this.db
      .selectFrom('run_groups')
      .selectAll()
      .where('workflow_run_id', '=', id)
      .orderBy('id')
      .execute();
  }

  running(): Promise<WorkflowRun[]> {
    return this.db
      .selectFrom('workflow_runs')
      .selectAll()
      .where('status', '=', 'running')
      .execute();
  }

  async requestCancel(id: number, at: number): Promise<boolean> {
    const result = await this.db
      .updateTable('workflow_runs')
      .set({ cancel_requested_at: at })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async cancelRequested(id: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('workflow_runs')
      .select('cancel_requested_at')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.cancel_requested_at !== null && row?.cancel_requested_at !== undefined;
  }

  /** Writes the end and runs the hooks in the same transaction. */
  finish(
    id: number,
    update: { status: GroupStatus; error: string | null; finished_at: number },
    hooks: ReadonlyArray<(trx: Transaction<Database>, run: WorkflowRun) => Promise<void>>,
  ): Promise<WorkflowRun> {
    return this.db.transaction().execute(async (trx) => {
      const run = await trx
        .updateTable('workflow_runs')
        .set(update)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      for (const hook of hooks) await hook(trx, run);
      return run;
    });
  }
}
