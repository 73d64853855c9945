/** `/jobs workflow [list | run NAME | status RUN]`: workflows in chat, one live message per run. */
import type { Workflow } from '../../jobs/workflows/schema.js';
import type { WorkflowView } from '../../jobs/workflows/view.js';
import { stepLine } from '../../notify/workflow-outbox.js';
import { audit, guardTargets, needsApprovalFrom, refuse, subjectOf } from '../guard.js';
import { closest, problem } from '../handlers/answers.js';
import { LIMITS } from '../limits.js';
import { type Screen, screen } from '../screen.js';
import type { Turn } from '../turn.js';
import { advancedOnly } from './items.js';
import { followLive, threadOf } from './live.js';
import type { WorkflowsPort } from './ports.js';

const HEADLINE: Record<string, string> = {
  running: 'running',
  success: 'succeeded',
  failure: 'failed',
  cancelled: 'was cancelled',
  interrupted: 'was interrupted',
};

export function workflowScreen(view: WorkflowView): Screen {
  const { run, workflow } = view;
  const running = run.status === 'running';
  return screen(`Workflow ${workflow.display_name} ${HEADLINE[run.status] ?? run.status}`, {
    emoji: running ? '⏳' : run.status === 'success' ? '✅' : '❌',
    tone: running ? 'running' : run.status === 'success' ? 'success' : 'failure',
    sections: [{ text: view.steps.map(stepLine).join('\n') }],
    fields: [
      { label: 'Started by', value: run.actor },
      { label: 'Workflow run', value: `#${run.id}` },
    ],
    buttons: running
      ? [{ label: 'Cancel', action: 'wf.cancel', value: String(run.id), style: 'danger' }]
      : [{ label: 'Run again', action: 'wf.run', value: workflow.name }],
    visibility: 'channel',
    placement: 'thread',
  });
}

function ports(turn: Turn): WorkflowsPort | undefined {
  return turn.deps.advanced?.workflows;
}

export async function listWorkflows(turn: Turn): Promise<void> {
  const all = ports(turn)?.list() ?? [];
  const shown = all.slice(0, LIMITS.choicesPerPage);
  const lines = all.map(
    (w) => `\`${w.name}\` ${w.display_name}: ${w.steps.map((s) => s.name).join(' → ')}`,
  );
  await turn.show(
    screen('Workflows', {
      emoji: '🔗',
      sections: [
        { text: lines.join('\n') || 'No workflows: add workflows/*.yaml to a catalog folder.' },
      ],
      choices: shown.length
        ? {
            action: 'wf.run',
            value: '',
            placeholder: 'Run a workflow',
            choices: shown.map((w) => ({
              value: w.name,
              label: w.display_name,
              description: w.description,
            })),
          }
        : undefined,
      placement: 'new',
    }),
  );
}

/** Every step's item and named servers must be usable; steps needing approval stay out of chat. */
async function mayRun(turn: Turn, workflow: Workflow): Promise<boolean> {
  for (const step of workflow.steps) {
    const item = turn.deps.catalog.get(step.item);
    if (!item) continue;
    const attempt = { item, servers: step.servers, values: {} };
    if (!(await guardTargets(turn, attempt))) return false;
    if (needsApprovalFrom(turn, item) && !turn.deps.access.isAdmin(subjectOf(turn))) {
      const needs = `${item.display_name}, which needs approval`;
      const reason = `step ${step.name} runs ${needs}; an admin may start this workflow`;
      await refuse(
        turn,
        `You may not run ${workflow.display_name}`,
        { ok: false, reason },
        { action: 'workflow.run', item },
      );
      return false;
    }
  }
  return true;
}

export async function runWorkflow(turn: Turn, name: string): Promise<void> {
  const workflows = ports(turn);
  if (turn.mode !== 'advanced')
    return void (await turn.show(advancedOnly(turn, 'Running workflows')));
  const workflow = workflows?.get(name);
  if (!workflows || !workflow) {
    const names = workflows?.list().map((w) => w.name) ?? [];
    return void (await turn.show(
      problem(
        `Unknown workflow "${name}"`,
        closest(turn, name, names) || `Workflows: ${names.join(', ') || 'none'}.`,
      ),
    ));
  }
  if (!(await mayRun(turn, workflow))) return;
  const { runId, done } = await workflows.start(name, { actor: turn.actor, trigger: 'manual' });
  await audit(turn, {
    action: 'workflow.run',
    outcome: 'ok',
    detail: `${name}: workflow run #${runId}`,
  });
  const render = async () => {
    const view = await workflows.view(runId);
    return view ? workflowScreen(view) : screen(`Workflow run #${runId} is gone`);
  };
  await followLive(turn, {
    first: await render(),
    subscribe: (changed) =>
      workflows.on((event) => {
        const id = event.type === 'finished' ? event.run.id : event.runId;
        if (id === runId) changed();
      }),
    render,
    done,
    final: render,
    shown: (ref) =>
      turn.deps.db
        .updateTable('workflow_runs')
        .set({ thread: threadOf(ref) })
        .where('id', '=', runId)
        .execute()
        .then(() => undefined),
  });
}

export async function cancelWorkflow(turn: Turn, value: string): Promise<void> {
  const workflows = ports(turn);
  const id = Number(value);
  const view = workflows && Number.isInteger(id) ? await workflows.view(id) : undefined;
  if (!workflows || !view)
    return void (await turn.show(problem('Unknown workflow run', `No workflow run #${value}.`)));
  const own = view.run.actor === turn.actor;
  const decision = own
    ? { ok: true as const }
    : turn.deps.access.can(subjectOf(turn), 'cancel_others');
  if (!decision.ok)
    return refuse(turn, 'You may not cancel this workflow', decision, {
      action: 'workflow.cancel',
    });
  const stopped = await workflows.cancel(id);
  await audit(turn, {
    action: 'workflow.cancel',
    outcome: stopped ? 'ok' : 'failed',
    detail: `workflow run #${id}`,
  });
  if (!stopped) await turn.show(problem('Not running', `Workflow run #${id} has already ended.`));
}

export async function workflowStatus(turn: Turn, value: string): Promise<void> {
  const view = await ports(turn)?.view(Number(value));
  await turn.show(
    view
      ? { ...workflowScreen(view), placement: 'new' }
      : problem('Unknown workflow run', `No workflow run #${value}.`),
  );
}
