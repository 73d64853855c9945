/** Reads workflow files (`workflows/*.yaml` inside each catalog folder), with every problem. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { describeIssues } from '../../config/issues.js';
import { type CheckContext, checkWorkflow } from './check.js';
import { type Workflow, workflowFileSchema, workflowSchema } from './schema.js';

export const WORKFLOW_FOLDER = 'workflows';

export interface WorkflowProblem {
  file: string;
  workflow?: string;
  field?: string;
  message: string;
}

export interface ReadWorkflows {
  workflows: Array<{ workflow: Workflow; file: string }>;
  problems: WorkflowProblem[];
}

/** `ops/workflows/deploy.yaml: workflow deploy: steps[1].item: no catalog item …`. */
export function formatWorkflowProblem(problem: WorkflowProblem): string {
  const parts = [problem.file];
  if (problem.workflow !== undefined) parts.push(`workflow ${problem.workflow}`);
  if (problem.field !== undefined) parts.push(problem.field);
  parts.push(problem.message);
  return parts.join(': ');
}

function nameOf(raw: unknown, fallback: string): string {
  const name = (raw as { name?: unknown } | null)?.name;
  return typeof name === 'string' && name !== '' ? name : fallback;
}

/** Validates the text of one workflow file; workflows with problems are left out. */
export function readWorkflowText(text: string, file: string, context: CheckContext): ReadWorkflows {
  const result: ReadWorkflows = { workflows: [], problems: [] };
  const problem = (p: Omit<WorkflowProblem, 'file'>) => result.problems.push({ file, ...p });
  let document: unknown;
  try {
    document = parseYaml(text) ?? {};
  } catch (error) {
    problem({ message: `not valid YAML: ${(error as Error).message.split('\n')[0]}` });
    return result;
  }
  const shape = workflowFileSchema.safeParse(document, { reportInput: true });
  if (!shape.success) {
    for (const p of describeIssues(shape.error)) problem({ field: p.path, message: p.message });
    return result;
  }
  shape.data.workflows.forEach((raw, i) => {
    const workflow = nameOf(raw, `workflows[${i}]`);
    const checked = workflowSchema.safeParse(raw, { reportInput: true });
    if (!checked.success) {
      for (const p of describeIssues(checked.error))
        problem({ workflow, field: p.path, message: p.message });
      return;
    }
    const problems = checkWorkflow(checked.data, context);
    for (const p of problems) problem({ workflow, ...p });
    if (problems.length === 0) result.workflows.push({ workflow: checked.data, file });
  });
  return result;
}

async function yamlFiles(dir: string): Promise<string[]> {
  const folder = join(dir, WORKFLOW_FOLDER);
  const found = await stat(folder).catch(() => undefined);
  if (!found?.isDirectory()) return [];
  const names = (await readdir(folder)).filter((name) => /\.ya?ml$/.test(name)).sort();
  return names.map((name) => join(folder, name));
}

/** Every workflow of every catalog folder; a name defined twice keeps the first. */
export async function readWorkflowDirs(
  dirs: readonly string[],
  context: CheckContext,
): Promise<ReadWorkflows> {
  const all: ReadWorkflows = { workflows: [], problems: [] };
  const first = new Map<string, string>();
  for (const dir of dirs) {
    for (const file of await yamlFiles(dir)) {
      const read = readWorkflowText(await readFile(file, 'utf8'), file, context);
      all.problems.push(...read.problems);
      for (const entry of read.workflows) {
        const seen = first.get(entry.workflow.name);
        if (seen) {
          const message = `duplicate workflow name (first defined in ${seen})`;
          all.problems.push({ file, workflow: entry.workflow.name, field: 'name', message });
          continue;
        }
        first.set(entry.workflow.name, file);
        all.workflows.push(entry);
      }
    }
  }
  return all;
}
