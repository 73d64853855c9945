/** A workflow step as a multi-server run request: its item, values, servers and threshold. */
import { validateParameters } from '../../catalog/params.js';
import type { CatalogItem } from '../../catalog/schema.js';
import { JobdeckError } from '../../errors.js';
import type { GroupRequest } from '../groups/groups.js';
import { type KnownServer, requiredSuccesses, selectServers } from '../groups/select.js';
import type { WorkflowStep } from './schema.js';

export function stepItem(step: WorkflowStep, lookup: (name: string) => CatalogItem | undefined) {
  const item = lookup(step.item);
  if (item) return item;
  throw new JobdeckError('item_unknown', `step ${step.name}: no catalog item ${step.item}`);
}

/** The step's values, coerced and defaulted; an error names the step and each parameter. */
export function stepValues(step: WorkflowStep, item: CatalogItem) {
  const checked = validateParameters(item, step.parameters);
  if (checked.ok) return checked.values;
  const details = Object.entries(checked.errors).map(([name, error]) => `${name}: ${error}`);
  throw new JobdeckError('parameters_invalid', `step ${step.name}: ${details.join('; ')}`);
}

/**
 * The group a step starts. Servers are chosen when the step starts, so a label covers the
 * servers that have it then; a selector matching none makes a group that fails at once.
 */
export function stepRequest(
  step: WorkflowStep,
  item: CatalogItem,
  known: readonly KnownServer[],
  who: Pick<GroupRequest, 'actor' | 'trigger' | 'workflowRunId'>,
): GroupRequest {
  const selected = selectServers({ names: step.servers, labels: step.labels }, known);
  const servers = selected.ok ? selected.servers : [];
  const required = requiredSuccesses(step.min_success, servers.length);
  const error = !selected.ok ? selected.error : !required.ok ? required.error : undefined;
  return {
    item,
    servers,
    values: stepValues(step, item),
    ...who,
    required: required.ok ? required.required : undefined,
    maxParallel: step.max_parallel,
    timeoutSeconds: step.timeout,
    step: step.name,
    error,
  };
}
