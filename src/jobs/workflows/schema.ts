/** The zod schema of a workflow file: workflows, their steps, and where each step leads. */
import { z } from 'zod';

const identifier = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,63}$/, 'expected lower-case letters, digits and _ (max 64)');

const scalar = z.union([z.string(), z.number(), z.boolean()]);

/** One step name or several, always read as a list. */
const next = z
  .union([identifier, z.array(identifier)])
  .optional()
  .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]));

export const stepSchema = z
  .object({
    name: identifier,
    /** The catalog item the step runs. */
    item: identifier,
    parameters: z.record(z.string(), z.union([scalar, z.array(scalar)])).default({}),
    /** Servers by name, and servers by label; the step runs on all of them. */
    servers: z.array(z.string().min(1)).default([]),
    labels: z.array(z.string().min(1)).default([]),
    /** How many servers must succeed: all, a count (4) or a share (80%). */
    min_success: z.union([z.string().regex(/^(all|\d+|\d{1,3}%)$/), z.int().min(1)]).optional(),
    max_parallel: z.int().min(1).max(64).optional(),
    timeout: z.int().min(1).max(86_400).optional(),
    on_success: next,
    on_failure: next,
    always: next,
  })
  .strict();

export const workflowSchema = z
  .object({
    name: identifier,
    display_name: z.string().min(1),
    description: z.string().default(''),
    /** The first step; the first listed when not given. */
    start: identifier.optional(),
    notify: z
      .object({
        channels: z.array(z.string().min(1)).default([]),
        on: z.enum(['success', 'failure', 'both', 'never']).default('failure'),
      })
      .strict()
      .prefault({}),
    steps: z.array(stepSchema).min(1),
  })
  .strict();

export const workflowFileSchema = z
  .object({ workflows: z.array(z.unknown()).default([]) })
  .strict();

export type Workflow = z.infer<typeof workflowSchema>;
export type WorkflowStep = z.infer<typeof stepSchema>;

export function startStep(workflow: Workflow): string {
  return workflow.start ?? workflow.steps[0]?.name ?? '';
}

export function stepOf(workflow: Workflow, name: string): WorkflowStep | undefined {
  return workflow.steps.find((step) => step.name === name);
}

/** The steps that follow a step that ended so. */
export function nextSteps(step: WorkflowStep, succeeded: boolean): string[] {
  return [...(succeeded ? step.on_success : step.on_failure), ...step.always];
}
