/** The run_groups table: a multi-server run's record, its member runs, and its per-server view. */
import type { Transaction } from 'kysely';
import { type Db, json } from '../../store/db.js';
import type {
  Database,
  GroupStatus,
  Run,
  RunGroup,
  RunGroupsTable,
  RunStatus,
} from '../../store/tables.js';

export type GroupHook = (trx: Transaction<Database>, group: RunGroup, runs: Run[]) => Promise<void>;

/** One server's part of a group: its run, or why it has none. */
export interface ServerResult {
  server: string;
  runId: number | null;
  status: RunStatus | 'waiting' | 'not run';
  exitCode?: number | null;
  durationMs?: number | null;
  error?: string | null;
}

export interface GroupView {
  group: RunGroup;
  servers: ServerResult[];
}

type NewGroup = Omit<RunGroupsTable, 'id'>;

export function resultOf(run: Run): ServerResult {
  return {
    server: run.server_name,
    runId: run.id,
    status: run.status,
    exitCode: run.exit_code,
    durationMs: run.duration_ms,
    error: run.error,
  };
}

export class GroupStore {
  constructor(private readonly db: Db) {}

  insert(row: NewGroup): Promise<RunGroup> {
    return this.db.insertInto('run_groups').values(row).returningAll().executeTakeFirstOrThrow();
  }

  get(id: number): Promise<RunGroup | undefined> {
    return this.db.selectFrom('run_groups').selectAll().where('id', '=', id).executeTakeFirst();
  }

  runsOf(groupId: number): Promise<Run[]> {
    return this.db
      .selectFrom('runs')
      .selectAll()
      .where('group_id', '=', groupId)
      .orderBy('id')
      .execute();
  }

  /** Writes the end of a group and runs the hooks in the same transaction. */
  finish(
    id: number,
    update: { status: GroupStatus; success_count: number; failure_count: number } & {
      results: ServerResult[];
      finished_at: number;
    },
    hooks: readonly GroupHook[],
  ): Promise<RunGroup> {
    return this.db.transaction().execute(async (trx) => {
      const group = await trx
        .updateTable('run_groups')
        .set({ ...update, results: json.encode(update.results) })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const runs = await trx
        .selectFrom('runs')
        .selectAll()
        .where('group_id', '=', id)
        .orderBy('id')
        .execute();
      for (const hook of hooks) await hook(trx, group, runs);
      return group;
    });
  }

  /** Whether someone asked to stop the group, or the workflow run it is a step of. */
  async cancelRequested(id: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('run_groups')
      .leftJoin('workflow_runs', 'workflow_runs.id', 'run_groups.workflow_run_id')
      .select(['run_groups.cancel_requested_at as own', 'workflow_runs.cancel_requested_at as wf'])
      .where('run_groups.id', '=', id)
      .executeTakeFirst();
    return row !== undefined && (row.own !== null || row.wf !== null);
  }

  async requestCancel(id: number, at: number): Promise<boolean> {
    const result = await this.db
      .updateTable('run_groups')
      .set({ cancel_requested_at: at })
      .where('id', '=', id)
      .where('status', '=', 'running')
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  running(): Promise<RunGroup[]> {
    return this.db.selectFrom('run_groups').selectAll().where('status', '=', 'running').execute();
  }

  /** Each server's line: the final results once written, else its run or `waiting`. */
  async view(id: number): Promise<GroupView | undefined> {
    const group = await this.get(id);
    if (!group) return undefined;
    const finished = json.decode<ServerResult[] | null>(group.results, null);
    if (finished) return { group, servers: finished };
    const runs = await this.runsOf(id);
    const servers = json.decode<string[]>(group.servers, []).map((server) => {
      const run = runs.filter((r) => r.server_name === server).at(-1);
      return run ? resultOf(run) : { server, runId: null, status: 'waiting' as const };
    });
    return { group, servers };
  }
}
