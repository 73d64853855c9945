/** Builds advanced mode's parts: user items, multi-server runs, workflows, and their notices. */
import type { Catalog } from '../catalog/catalog.js';
import { type CatalogProblem, formatProblem } from '../catalog/problems.js';
import { UserItems } from '../catalog/user-items.js';
import type { LoadedConfig } from '../config/load.js';
import { type GroupRunner, RunGroups } from '../jobs/groups/groups.js';
import type { KnownServer } from '../jobs/groups/select.js';
import { type WorkflowHook, Workflows } from '../jobs/workflows/engine.js';
import { formatWorkflowProblem, readWorkflowDirs } from '../jobs/workflows/read.js';
import { syncWorkflows } from '../jobs/workflows/store.js';
import type { WorkflowView } from '../jobs/workflows/view.js';
import type { Logger } from '../log.js';
import { groupNotifyHook } from '../notify/group-outbox.js';
import type { NotifyDeps } from '../notify/outbox.js';
import { enqueueForWorkflow, type WorkflowSummary } from '../notify/workflow-outbox.js';
import type { Db } from '../store/db.js';

export interface AdvancedParts {
  userItems: UserItems;
  groups: RunGroups;
  workflows: Workflows;
  /** Skipped user items and workflows, worded like catalog problems. */
  problems: string[];
}

export interface AdvancedInput {
  config: LoadedConfig;
  db: Db;
  catalog: Catalog;
  runner: GroupRunner;
  servers(): Promise<KnownServer[]>;
  notify: NotifyDeps;
  logger: Logger;
}

export function workflowSummary(view: WorkflowView): WorkflowSummary {
  return {
    displayName: view.workflow.display_name,
    on: view.workflow.notify.on,
    channels: view.workflow.notify.channels,
    steps: view.steps.map((step) => ({ ...step, servers: step.servers })),
  };
}

function workflowNotifyHook(notify: NotifyDeps, logger: Logger): WorkflowHook {
  return async function enqueueWorkflowNotifications(trx, run, view) {
    try {
      await enqueueForWorkflow(trx, run, workflowSummary(view), notify);
    } catch (error) {
      logger.error({ workflowRunId: run.id, err: error }, 'workflow notification not recorded');
    }
  };
}

/** Loads user items into the catalog and reads workflows; nothing starts running. */
export async function buildAdvanced(input: AdvancedInput): Promise<AdvancedParts> {
  const { db, catalog, logger } = input;
  const userItems = new UserItems(db, catalog, logger.child({ component: 'catalog' }));
  const skipped: CatalogProblem[] = await userItems.load();
  for (const problem of skipped) logger.warn({ component: 'catalog' }, formatProblem(problem));
  const item = (name: string) => catalog.get(name);
  const groups = new RunGroups({
    db,
    runner: input.runner,
    item,
    maxParallel: input.config.runner.group_max_parallel,
    finishHooks: [groupNotifyHook(input.notify)],
    logger: logger.child({ component: 'groups' }),
  });
  const read = await readWorkflowDirs(input.config.catalog_dirs, {
    item,
    itemNames: () => catalog.items().map((i) => i.name),
    servers: input.config.servers.map((s) => ({ name: s.name, labels: s.labels })),
  });
  const workflowLog = logger.child({ component: 'workflows' });
  for (const problem of read.problems)
    workflowLog.warn(`${formatWorkflowProblem(problem)}; skipped`);
  await syncWorkflows(db, read.workflows);
  const workflows = new Workflows(
    {
      db,
      groups,
      item,
      servers: input.servers,
      finishHooks: [workflowNotifyHook(input.notify, workflowLog)],
      logger: workflowLog,
    },
    read.workflows.map((entry) => entry.workflow),
  );
  const problems = [
    ...skipped.map((p) => `${formatProblem(p)}; skipped`),
    ...read.problems.map((p) => `${formatWorkflowProblem(p)}; skipped`),
  ];
  return { userItems, groups, workflows, problems };
}
