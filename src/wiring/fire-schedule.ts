/** What a schedule does when due: its definition's run, a group when it has several servers. */
import type { Catalog } from '../catalog/catalog.js';
import { validateParameters } from '../catalog/params.js';
import { maskParameters } from '../catalog/render.js';
import { recordAudit } from '../jobs/audit.js';
import { getDefinition } from '../jobs/definitions.js';
import type { GroupRequest, RunGroups } from '../jobs/groups/groups.js';
import type { Logger } from '../log.js';
import type { Runner } from '../runner/runner.js';
import type { FireSchedule } from '../scheduler/scheduler.js';
import type { Db } from '../store/db.js';

export interface FireDeps {
  db: Db;
  catalog: Catalog;
  runner: Runner;
  /** Several servers run as one group, with one notification. */
  groups: Pick<RunGroups, 'start'>;
  logger: Logger;
}

type Request = Omit<GroupRequest, 'servers'>;

/** One server a plain run, several one group; answers the audit detail, null with no server. */
async function start(deps: FireDeps, request: Request, servers: string[]): Promise<string | null> {
  if (servers.length > 1) {
    const { groupId } = await deps.groups.start({ ...request, servers });
    return `schedule: group #${groupId}`;
  }
  const [server] = servers;
  if (server === undefined) return null;
  const { runId } = await deps.runner.submit({ ...request, server });
  return `schedule: run #${runId}`;
}

export function fireSchedule(deps: FireDeps): FireSchedule {
  return async function fireDueSchedule(schedule, dueAt) {
    const definition = await getDefinition(deps.db, schedule.definition_id);
    const item = definition ? deps.catalog.get(definition.item_name) : undefined;
    if (!definition || !item) {
      deps.logger.warn(
        { schedule: schedule.id },
        'schedule skipped: its job or definition is gone',
      );
      return;
    }
    const checked = validateParameters(item, definition.parameters);
    if (!checked.ok) {
      deps.logger.warn(
        { schedule: schedule.id, errors: checked.errors },
        'schedule skipped: stored parameters no longer valid',
      );
      return;
    }
    const request = {
      item,
      values: checked.values,
      actor: `schedule:${schedule.id}`,
      trigger: 'schedule' as const,
      definitionId: definition.id,
      scheduleId: schedule.id,
      dueAt,
      timeoutSeconds: definition.timeout ?? undefined,
    };
    const servers = [...new Set(definition.servers)];
    const detail = await start(deps, request, servers);
    if (detail === null) {
      deps.logger.warn({ schedule: schedule.id }, 'schedule skipped: its definition has no server');
      return;
    }
    await recordAudit(deps.db, {
      actor: `schedule:${schedule.id}`,
      platform: 'schedule',
      action: 'run',
      item: item.name,
      servers: definition.servers,
      parameters: maskParameters(item, checked.values),
      outcome: 'ok',
      detail,
    });
  };
}
