/** Starting runs from chat: confirmation for dangerous items, then one live message per server. */
import type { CatalogItem } from '../catalog/schema.js';
import { withoutSecrets } from '../jobs/definitions.js';
import type { RunTrigger } from '../store/tables.js';
import { startGroup } from './advanced/group-view.js';
import { requestApproval } from './approval.js';
import { itemLabel, valuesLine } from './format.js';
import { audit, guardRun, needsApprovalFrom } from './guard.js';
import type { Values } from './ports.js';
import { watchRun } from './run-watch.js';
import { screen } from './screen.js';
import type { Turn } from './turn.js';
import type { WizardSessions } from './wizard/sessions.js';
import { vault } from './wizard/vault.js';

export interface RunPlan {
  item: CatalogItem;
  servers: string[];
  values: Values;
  trigger: RunTrigger;
  parentRunId?: number;
  definitionId?: number;
  /** Whose runs these are when not the one acting (the requester, on approval). */
  actor?: string;
}

export function needsConfirmation(item: CatalogItem): boolean {
  return item.confirm || item.difficulty === 'advanced';
}

/** Asks "are you sure?" with the exact command; the answer comes back as `run.confirm`. */
export async function askConfirmation(
  turn: Turn,
  sessions: WizardSessions,
  plan: RunPlan,
): Promise<void> {
  const { interaction } = turn;
  const state = await sessions.create(
    turn.actor,
    interaction.actor.platform,
    interaction.place.channelId,
    {
      pending: {
        item: plan.item.name,
        servers: plan.servers,
        values: withoutSecrets(plan.item, plan.values),
        parentRunId: plan.parentRunId,
        definitionId: plan.definitionId,
        trigger: plan.trigger,
      },
    },
    'confirm',
  );
  vault.put(state.id, plan.values);
  const command = turn.deps.params.preview(plan.item, plan.values);
  await turn.show(
    screen(`Run ${itemLabel(plan.item)}?`, {
      emoji: '⚠️',
      tone: 'warning',
      sections: [
        {
          text:
            `${plan.item.description}\nThis job is marked as dangerous. ` +
            `It will run on ${plan.servers.join(', ')}:`,
        },
        { text: command, code: true },
      ],
      fields: [
        { label: 'Parameters', value: valuesLine(turn.deps.params.mask(plan.item, plan.values)) },
      ],
      buttons: [
        { label: 'Yes, run it', action: 'run.confirm', value: state.id, style: 'danger' },
        { label: 'Cancel', action: 'w.cancel', value: state.id },
      ],
    }),
  );
}

/**
 * Submits one run per server and follows each in its own message; several servers run as one
 * group, followed in one message with a line per server. Answers when all ended.
 */
export async function startRuns(turn: Turn, plan: RunPlan): Promise<number[]> {
  const groups = turn.deps.advanced?.groups;
  if (groups && plan.servers.length > 1) return startGroup(turn, groups, plan);
  const submitted = await Promise.all(
    plan.servers.map((server) =>
      turn.deps.runner.submit({
        item: plan.item,
        server,
        values: plan.values,
        actor: plan.actor ?? turn.actor,
        trigger: plan.trigger,
        parentRunId: plan.parentRunId,
        definitionId: plan.definitionId,
      }),
    ),
  );
  const ids = submitted.map((s) => s.runId);
  const numbers = ids.map((id) => `#${id}`).join(', ');
  await audit(turn, {
    action: 'run',
    outcome: 'ok',
    item: plan.item,
    servers: plan.servers,
    values: plan.values,
    actor: plan.actor,
    detail: `${plan.trigger}: ${ids.length > 1 ? 'runs' : 'run'} ${numbers}`,
  });
  await Promise.all(
    submitted.map(async ({ runId, done }) => {
      const first = await turn.deps.db
        .selectFrom('runs')
        .selectAll()
        .where('id', '=', runId)
        .executeTakeFirstOrThrow();
      await watchRun(turn, plan.item, runId, done, first);
    }),
  );
  return ids;
}

/** Checks access and the rate limit; then asks for approval or confirmation, or runs. */
export async function runOrConfirm(
  turn: Turn,
  sessions: WizardSessions,
  plan: RunPlan,
): Promise<void> {
  if (!(await guardRun(turn, plan))) return;
  if (needsApprovalFrom(turn, plan.item)) return requestApproval(turn, { kind: 'run', ...plan });
  if (needsConfirmation(plan.item)) await askConfirmation(turn, sessions, plan);
  else await startRuns(turn, plan);
}
