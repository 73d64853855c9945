/** `jobdeck workflow list | run | show | cancel`: multi-step workflows from the terminal. */
import type { App } from '../app.js';
import { JobdeckError } from '../errors.js';
import type { WorkflowView } from '../jobs/workflows/view.js';
import { stepLine } from '../notify/workflow-outbox.js';
import type { CliCommand, CliContext } from './command.js';
import { cancellable, cliActor, idArgument, notifyOption, withFullApp } from './full-app.js';
import { flag } from './options.js';

function viewLines(view: WorkflowView): string[] {
  const { run, workflow } = view;
  return [
    `workflow run #${run.id}: ${workflow.display_name} (${workflow.name}) ${run.status}`,
    ...view.steps.map((step) => `  ${stepLine(step)}`),
  ];
}

async function requireView(app: App, id: number): Promise<WorkflowView> {
  const view = await app.workflows.view(id);
  if (view) return view;
  throw new JobdeckError('run_unknown', `no workflow run ${id}; see jobdeck workflow list`);
}

export const workflowList: CliCommand = {
  path: ['workflow', 'list'],
  usage: 'workflow list [--json]',
  summary: 'workflows from catalog folders (workflows/*.yaml) and their recent runs',
  options: { json: { type: 'boolean' } },
  run: (context) =>
    withFullApp(context, async (app) => {
      const workflows = app.workflows.list();
      const recent = await app.workflows.runs.list(10);
      if (flag(context, 'json')) {
        context.out(JSON.stringify({ workflows, runs: recent }, null, 2));
        return 0;
      }
      if (workflows.length === 0)
        context.out('no workflows: add workflows/*.yaml to a catalog folder');
      for (const w of workflows) {
        const steps = w.steps.map((s) => s.name).join(' -> ');
        context.out(`${w.name}  ${w.display_name}: ${steps}`);
      }
      for (const run of recent) context.out(`#${run.id} ${run.workflow_name} ${run.status}`);
      return 0;
    }),
};

async function runWorkflow(app: App, context: CliContext): Promise<number> {
  const name = context.args[0];
  if (!name)
    throw new JobdeckError('input_invalid', `name the workflow: jobdeck ${workflowRun.usage}`);
  const json = flag(context, 'json');
  const { runId, done } = await app.workflows.start(name, {
    actor: cliActor(),
    trigger: 'manual',
    notifyChannels: notifyOption(context, app),
  });
  const shown = new Map<string, string>();
  const report = async () => {
    const view = await app.workflows.view(runId);
    for (const step of view?.steps ?? []) {
      const line = stepLine(step);
      if (step.status === 'pending' || shown.get(step.name) === line) continue;
      shown.set(step.name, line);
      if (!json) context.err(line);
    }
  };
  const unsubscribe = app.workflows.on((event) => {
    if (event.type === 'changed' && event.runId === runId) void report();
  });
  const run = await cancellable(done, () => app.workflows.cancel(runId)).finally(unsubscribe);
  const view = await requireView(app, run.id);
  if (json) context.out(JSON.stringify(view, null, 2));
  else for (const line of viewLines(view)) context.out(line);
  return run.status === 'success' ? 0 : 1;
}

export const workflowRun: CliCommand = {
  path: ['workflow', 'run'],
  usage: 'workflow run NAME [--notify CH[,CH]] [--json]',
  summary: 'run a workflow now, printing each step as it ends',
  options: { notify: { type: 'string' }, json: { type: 'boolean' } },
  run: (context) => withFullApp(context, (app) => runWorkflow(app, context)),
};

export const workflowShow: CliCommand = {
  path: ['workflow', 'show'],
  usage: 'workflow show RUN [--json]',
  summary: 'one workflow run: each step with its servers and result',
  options: { json: { type: 'boolean' } },
  run: (context) =>
    withFullApp(context, async (app) => {
      const view = await requireView(app, idArgument(context, workflowShow.usage));
      if (flag(context, 'json')) context.out(JSON.stringify(view, null, 2));
      else for (const line of viewLines(view)) context.out(line);
      return 0;
    }),
};

export const workflowCancel: CliCommand = {
  path: ['workflow', 'cancel'],
  usage: 'workflow cancel RUN',
  summary: 'stop a workflow run: no further step starts, running steps are cancelled',
  run: (context) =>
    withFullApp(context, async (app) => {
      const id = idArgument(context, workflowCancel.usage);
      if (!(await app.workflows.cancel(id))) {
        context.err(`workflow run ${id} is not running`);
        return 1;
      }
      context.out(`cancel requested for workflow run ${id}`);
      return 0;
    }),
};

export const workflowCommands: CliCommand[] = [
  workflowList,
  workflowRun,
  workflowShow,
  workflowCancel,
];
