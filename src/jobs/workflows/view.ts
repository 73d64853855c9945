/** A workflow run as its steps: each step's status, servers and counts. */
import { json } from '../../store/db.js';
import type { GroupStatus, WorkflowRun } from '../../store/tables.js';
import type { GroupStore, ServerResult } from '../groups/group-store.js';
import type { Workflow } from './schema.js';
import type { WorkflowRunStore } from './store.js';

export type StepStatus = GroupStatus | 'pending' | 'not run';

export interface StepView {
  name: string;
  item: string;
  status: StepStatus;
  groupId: number | null;
  servers: ServerResult[];
  successCount: number;
  required: number;
  error: string | null;
}

export interface WorkflowView {
  run: WorkflowRun;
  workflow: Workflow;
  steps: StepView[];
}

/** Steps in definition order; those not started are `pending`, or `not run` once it ended. */
export async function workflowView(
  runs: WorkflowRunStore,
  groups: GroupStore,
  id: number,
): Promise<WorkflowView | undefined> {
  const run = await runs.get(id);
  if (!run) return undefined;
  const workflow = json.decode<Workflow>(run.definition, {} as Workflow);
  const rows = await runs.groups(id);
  const steps: StepView[] = [];
  for (const step of workflow.steps ?? []) {
    const group = rows.filter((g) => g.step === step.name).at(-1);
    if (!group) {
      const status = run.status === 'running' ? 'pending' : 'not run';
      const base = { name: step.name, item: step.item, status, groupId: null } as const;
      steps.push({ ...base, servers: [], successCount: 0, required: 0, error: null });
      continue;
    }
    const view = await groups.view(group.id);
    steps.push({
      name: step.name,
      item: step.item,
      status: group.status,
      groupId: group.id,
      servers: view?.servers ?? [],
      successCount: view?.servers.filter((s) => s.status === 'success').length ?? 0,
      required: group.required,
      error: group.error,
    });
  }
  return { run, workflow, steps };
}

/** Steps that ran, in the order they started. */
export function stepsRun(view: WorkflowView): StepView[] {
  return view.steps
    .filter((s) => s.groupId !== null)
    .sort((a, b) => (a.groupId ?? 0) - (b.groupId ?? 0));
}
