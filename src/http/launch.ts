/** Submits one run per server for the API, hooks and links; answers the queued records. */
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
