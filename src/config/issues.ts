/** Turns zod issues into one line each: `servers[1].port: expected …, got "ssh"`. */
import type { z } from 'zod';

export interface FieldProblem {
  path: string;
  message: string;
}

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(top level)' : out;
}

function describeInput(input: unknown): string {
  if (input === undefined) return 'nothing';
  const text = JSON.stringify(input);
  if (text === undefined) return String(input);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function quoted(values: readonly unknown[]): string {
  return values.map((v) => JSON.stringify(v)).join(', ');
}

function wordIssue(issue: z.core.$ZodIssue): string {
  const input = 'input' in issue ? issue.input : undefined;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return `is required (expected ${issue.expected})`;
      if (issue.message.startsWith('expected'))
        return `${issue.message}, got ${describeInput(input)}`;
      return `expected ${issue.expected}, got ${describeInput(input)}`;
    case 'unrecognized_keys':
      return `unknown key${issue.keys.length > 1 ? 's' : ''} ${quoted(issue.keys)}`;
    case 'invalid_value':
      return `expected one of ${quoted(issue.values)}, got ${describeInput(input)}`;
    default:
      return input === undefined ? issue.message : `${issue.message}, got ${describeInput(input)}`;
  }
}

/** Every problem in a failed parse, path first, in the order zod found them. */
export function describeIssues(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: wordIssue(issue) }));
}
