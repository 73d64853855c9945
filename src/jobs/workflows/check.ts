/** Checks a shaped workflow: steps that exist, lead somewhere, end, and run valid catalog items. */
import { validateParameters } from '../../catalog/params.js';
import type { CatalogItem } from '../../catalog/schema.js';
import { didYouMean } from '../../catalog/suggest.js';
import type { KnownServer } from '../groups/select.js';
import { startStep, type Workflow, type WorkflowStep } from './schema.js';

export interface FieldProblem {
  field: string;
  message: string;
}

export interface CheckContext {
  item(name: string): CatalogItem | undefined;
  itemNames(): string[];
  /** The configured servers, to check names and labels; unchecked when absent. */
  servers?: readonly KnownServer[];
}

const LINKS = ['on_success', 'on_failure', 'always'] as const;

function linkProblems(workflow: Workflow): FieldProblem[] {
  const names = workflow.steps.map((s) => s.name);
  const problems: FieldProblem[] = [];
  workflow.steps.forEach((step, i) => {
    if (names.indexOf(step.name) !== i)
      problems.push({ field: `steps[${i}].name`, message: `repeated step ${step.name}` });
    for (const link of LINKS) {
      for (const target of step[link]) {
        if (names.includes(target)) continue;
        const message = `unknown step ${target}${didYouMean(target, names)}`;
        problems.push({ field: `steps[${i}].${link}`, message });
      }
    }
  });
  if (workflow.start && !names.includes(workflow.start))
    problems.push({
      field: 'start',
      message: `unknown step ${workflow.start}${didYouMean(workflow.start, names)}`,
    });
  return problems;
}

function followers(step: WorkflowStep): string[] {
  return [...new Set(LINKS.flatMap((link) => step[link]))];
}

/** A loop of steps, as names, or undefined when the steps always end. */
function findLoop(workflow: Workflow): string[] | undefined {
  const byName = new Map(workflow.steps.map((s) => [s.name, s]));
  const done = new Set<string>();
  const visit = (name: string, path: string[]): string[] | undefined => {
    if (path.includes(name)) return [...path.slice(path.indexOf(name)), name];
    if (done.has(name)) return undefined;
    const step = byName.get(name);
    for (const next of step ? followers(step) : []) {
      const loop = visit(next, [...path, name]);
      if (loop) return loop;
    }
    done.add(name);
    return undefined;
  };
  for (const step of workflow.steps) {
    const loop = visit(step.name, []);
    if (loop) return loop;
  }
  return undefined;
}

function unreachable(workflow: Workflow): string[] {
  const byName = new Map(workflow.steps.map((s) => [s.name, s]));
  const seen = new Set<string>();
  const stack = [startStep(workflow)];
  for (let name = stack.pop(); name !== undefined; name = stack.pop()) {
    const step = byName.get(name);
    if (!step || seen.has(name)) continue;
    seen.add(name);
    stack.push(...followers(step));
  }
  return workflow.steps.map((s) => s.name).filter((name) => !seen.has(name));
}

function serverProblems(step: WorkflowStep, at: string, known: readonly KnownServer[]) {
  const problems: FieldProblem[] = [];
  const names = known.map((s) => s.name);
  for (const name of step.servers) {
    if (!names.includes(name))
      problems.push({
        field: `${at}.servers`,
        message: `no server named "${name}"${didYouMean(name, names)}`,
      });
  }
  for (const label of step.labels) {
    if (!known.some((s) => s.labels.includes(label)))
      problems.push({ field: `${at}.labels`, message: `no server has the label "${label}"` });
  }
  return problems;
}

function stepProblems(step: WorkflowStep, i: number, context: CheckContext): FieldProblem[] {
  const at = `steps[${i}]`;
  const problems: FieldProblem[] = [];
  if (step.servers.length === 0 && step.labels.length === 0)
    problems.push({ field: at, message: 'name servers or labels for the step to run on' });
  if (context.servers) problems.push(...serverProblems(step, at, context.servers));
  const item = context.item(step.item);
  if (!item) {
    const message = `no catalog item ${step.item}${didYouMean(step.item, context.itemNames())}`;
    return [...problems, { field: `${at}.item`, message }];
  }
  for (const param of item.parameters) {
    if (param.type === 'secret' && step.parameters[param.name] !== undefined)
      problems.push({
        field: `${at}.parameters.${param.name}`,
        message: 'a secret value cannot be kept in a workflow file',
      });
  }
  const checked = validateParameters(item, step.parameters);
  if (!checked.ok)
    for (const [name, message] of Object.entries(checked.errors))
      problems.push({ field: `${at}.parameters.${name}`, message });
  return problems;
}

/** Every problem in a workflow that zod has already shaped. */
export function checkWorkflow(workflow: Workflow, context: CheckContext): FieldProblem[] {
  const problems = linkProblems(workflow);
  workflow.steps.forEach((step, i) => {
    problems.push(...stepProblems(step, i, context));
  });
  if (problems.length > 0) return problems;
  const loop = findLoop(workflow);
  if (loop) return [{ field: 'steps', message: `steps form a loop: ${loop.join(' -> ')}` }];
  for (const name of unreachable(workflow))
    problems.push({ field: 'steps', message: `step ${name} is never reached from the start` });
  return problems;
}
