/** Starts runs for the API, hooks and links (one per server, or a group); answers the records. */
import type { App } from '../app.js';
import type { ParamValues } from '../catalog/params.js';
import type { CatalogItem } from '../catalog/schema.js';
import type { Run, RunTrigger } from '../store/tables.js';

export interface LaunchPlan {
  item: CatalogItem;
  servers: readonly string[];
  values: ParamValues;
  actor: string;
  trigger: RunTrigger;
  definitionId?: number | undefined;
  parentRunId?: number | undefined;
  notifyChannels?: string[] | undefined;
  timeoutSeconds?: number | undefined;
}

export async function launch(app: App, plan: LaunchPlan): Promise<Run[]> {
  const submitted = await Promise.all(
    plan.servers.map((server) =>
      app.runner.submit({
        item: plan.item,
        server,
        values: plan.values,
        actor: plan.actor,
        trigger: plan.trigger,
        definitionId: plan.definitionId,
        parentRunId: plan.parentRunId,
        notifyChannels: plan.notifyChannels,
        timeoutSeconds: plan.timeoutSeconds,
      }),
    ),
  );
  const runs: Run[] = [];
  for (const { runId } of submitted) {
    const run = await app.runner.store.get(runId);
    if (run) runs.push(run);
  }
  return runs;
}

/** Resolves once `count` runs of the group are queued, or the group has ended. */
function queued(app: App, groupId: number, count: number, done: Promise<unknown>): Promise<void> {
  return new Promise((resolve) => {
    const finish = () => {
      off();
      resolve();
    };
    const check = async () => {
      if ((await app.groups.store.runsOf(groupId)).length >= count) finish();
    };
    const off = app.groups.on((event) => {
      if (event.type === 'changed' && event.groupId === groupId) void check().catch(finish);
    });
    void check().catch(finish);
    done.then(finish, finish);
  });
}

/**
 * Several servers as one group (one result, one notification); answers the group and its runs
 * queued so far: every server's, unless the group's parallel limit keeps some waiting.
 */
export async function launchGroup(
  app: App,
  plan: LaunchPlan,
): Promise<{ groupId: number; runs: Run[] }> {
  const servers = [...new Set(plan.servers)];
  const { groupId, done } = await app.groups.start({
    item: plan.item,
    servers,
    values: plan.values,
    actor: plan.actor,
    trigger: plan.trigger,
    definitionId: plan.definitionId,
    parentRunId: plan.parentRunId,
    notifyChannels: plan.notifyChannels,
    timeoutSeconds: plan.timeoutSeconds,
  });
  const firstWave = Math.min(servers.length, app.config.runner.group_max_parallel);
  await queued(app, groupId, firstWave, done);
  const runs = await app.groups.store.runsOf(groupId);
  const order = (run: Run) => servers.indexOf(run.server_name);
  return { groupId, runs: runs.sort((a, b) => order(a) - order(b)) };
}
