/** What a schedule does when due: one run of its definition on each of its servers. */
import type { Catalog } from '../catalog/catalog.js';
import { validateParameters } from '../catalog/params.js';
import { maskParameters } from '../catalog/render.js';
import { recordAudit } from '../jobs/audit.js';
import { getDefinition } from '../jobs/definitions.js';
import type { Logger } from '../log.js';
import type { Runner } from '../runner/runner.js';
import type { FireSchedule } from '../scheduler/scheduler.js';
import type { Db } from '../store/db.js';

export interface FireDeps {
  db: Db;
  catalog: Catalog;
  runner: Runner;
  logger: Logger;
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
    const started = await Promise.all(
      definition.servers.map((server) =>
        deps.runner.submit({
          item,
          server,
          values: checked.values,
          actor: `schedule:${schedule.id}`,
          trigger: 'schedule',
          definitionId: definition.id,
          scheduleId: schedule.id,
          dueAt,
          timeoutSeconds: definition.timeout ?? undefined,
        }),
      ),
    );
    await recordAudit(deps.db, {
      actor: `schedule:${schedule.id}`,
      platform: 'schedule',
      action: 'run',
      item: item.name,
      servers: definition.servers,
      parameters: maskParameters(item, checked.values),
      outcome: 'ok',
      detail: `schedule: runs ${started.map((s) => `#${s.runId}`).join(', ')}`,
    });
  };
}
