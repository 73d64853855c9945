/** The runs table: every query the runner and the run commands make. */
import type { Transaction } from 'kysely';
import type { Db } from '../store/db.js';
import type { Database, NewRun, Run, RunStatus, RunUpdate } from '../store/tables.js';

export type FinishHook = (trx: Transaction<Database>, run: Run) => Promise<void>;

export interface RunFilter {
  limit?: number | undefined;
  item?: string | undefined;
  server?: string | undefined;
  definitionId?: number | undefined;
}

export const UNFINISHED: readonly RunStatus[] = ['queued', 'running'];

export class RunStore {
  constructor(private readonly db: Db) {}

  insert(row: NewRun): Promise<Run> {
    return this.db.insertInto('runs').values(row).returningAll().executeTakeFirstOrThrow();
  }

  update(id: number, update: RunUpdate): Promise<Run> {
    return this.db
      .updateTable('runs')
      .set(update)
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }

  /** Writes a final status and runs the hooks in the same transaction. */
  finish(id: number, update: RunUpdate, hooks: readonly FinishHook[]): Promise<Run> {
    return this.db.transaction().execute(async (trx) => {
      const run = await trx
        .updateTable('runs')
        .set(update)
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      for (const hook of hooks) await hook(trx, run);
      return run;
    });
  }

  /** Inserts a run that is final at once (skipped), hooks in the same transaction. */
  insertFinished(row: NewRun, hooks: readonly FinishHook[]): Promise<Run> {
    return this.db.transaction().execute(async (trx) => {
      const run = await trx.insertInto('runs').values(row).returningAll().executeTakeFirstOrThrow();
      for (const hook of hooks) await hook(trx, run);
      return run;
    });
  }

  get(id: number): Promise<Run | undefined> {
    return this.db.selectFrom('runs').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Newest first. */
  list(filter: RunFilter = {}): Promise<Run[]> {
    let query = this.db.selectFrom('runs').selectAll();
    if (filter.item) query = query.where('item_name', '=', filter.item);
    if (filter.server) query = query.where('server_name', '=', filter.server);
    if (filter.definitionId !== undefined) {
      query = query.where('definition_id', '=', filter.definitionId);
    }
    return query
      .orderBy('id', 'desc')
      .limit(filter.limit ?? 20)
      .execute();
  }

  unfinished(): Promise<Run[]> {
    return this.db
      .selectFrom('runs')
      .selectAll()
      .where('status', 'in', UNFINISHED)
      .orderBy('id')
      .execute();
  }

  /** A queued or running run of the definition, in any process. */
  activeOfDefinition(definitionId: number, server: string): Promise<Run | undefined> {
    return this.db
      .selectFrom('runs')
      .selectAll()
      .where('definition_id', '=', definitionId)
      .where('server_name', '=', server)
      .where('status', 'in', UNFINISHED)
      .orderBy('id')
      .executeTakeFirst();
  }

  /** Records a cancel request for the owning process; false when the run is not unfinished. */
  async requestCancel(id: number, at: number): Promise<boolean> {
    const result = await this.db
      .updateTable('runs')
      .set({ cancel_requested_at: at })
      .where('id', '=', id)
      .where('status', 'in', UNFINISHED)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** Which of these runs another process asked to cancel. */
  async cancelRequested(ids: readonly number[]): Promise<number[]> {
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('runs')
      .select('id')
      .where('id', 'in', ids)
      .where('cancel_requested_at', 'is not', null)
      .execute();
    return rows.map((row) => row.id);
  }

  async definitionSettings(id: number) {
    return this.db
      .selectFrom('job_definitions')
      .select(['overlap', 'timeout'])
      .where('id', '=', id)
      .executeTakeFirst();
  }
}
