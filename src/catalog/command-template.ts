/** Prepares a command template: finds where each value lands in sh quoting, wraps it to match. */
import {
  advance,
  afterValue,
  cloneState,
  initialState,
  mergeStates,
  placeValue,
  type ShellState,
  sameQuoting,
  unclosed,
} from './shell-context.js';
import { lineOf, parseTemplate } from './template.js';

/** The helper every interpolated value goes through; a name no parameter can take. */
export const QUOTE_HELPER = '_shellword';

export type PreparedCommand =
  | { ok: true; program: hbs.AST.Program }
  | { ok: false; errors: string[] };

function literal(value: string, loc: hbs.AST.SourceLocation): hbs.AST.StringLiteral {
  return { type: 'StringLiteral', value, original: value, loc };
}

function describe(node: hbs.AST.Node): string {
  const expression = node as { original?: unknown; path?: { original?: unknown } };
  return String(expression.original ?? expression.path?.original ?? node.type);
}

class Preparer {
  readonly errors: string[] = [];
  /** After a block that leaves quoting unknown, later positions cannot be judged. */
  lost = false;

  program(program: hbs.AST.Program | undefined, state: ShellState): void {
    for (const statement of program?.body ?? []) this.statement(statement, state);
  }

  private statement(node: hbs.AST.Node, state: ShellState): void {
    if (this.lost) return;
    if (node.type === 'ContentStatement') advance(state, (node as hbs.AST.ContentStatement).value);
    else if (node.type === 'MustacheStatement')
      this.value(node as hbs.AST.MustacheStatement, state);
    else if (node.type === 'BlockStatement') this.block(node as hbs.AST.BlockStatement, state);
  }

  /** `{{x}}` becomes `{{_shellword x "double" "x"}}`: quoted for its place, named for errors. */
  private value(node: hbs.AST.MustacheStatement, state: ShellState): void {
    const name = describe(node.path);
    const placed = placeValue(state);
    if (!placed.ok) {
      this.errors.push(`${lineOf(node)}: {{${name}}}: ${placed.reason}`);
      return;
    }
    const loc = node.loc;
    const value: hbs.AST.Node =
      node.params.length > 0 || node.hash
        ? ({
            type: 'SubExpression',
            path: node.path,
            params: node.params,
            hash: node.hash,
            loc,
          } as hbs.AST.SubExpression)
        : node.path;
    node.path = {
      type: 'PathExpression',
      data: false,
      depth: 0,
      parts: [QUOTE_HELPER],
      original: QUOTE_HELPER,
      loc,
    };
    node.params = [value, literal(placed.context, loc), literal(name, loc)];
    (node as { hash?: hbs.AST.Hash }).hash = undefined;
    afterValue(state);
  }

  private block(node: hbs.AST.BlockStatement, state: ShellState): void {
    const taken = cloneState(state);
    const skipped = cloneState(state);
    this.program(node.program, taken);
    this.program(node.inverse, skipped);
    if (!sameQuoting(state, taken) || !sameQuoting(state, skipped)) {
      const name = node.path.original;
      this.errors.push(`${lineOf(node)}: {{#${name}}} must close every quote and bracket it opens`);
      this.lost = true;
    }
    mergeStates(taken, skipped);
    Object.assign(state, taken, { frames: state.frames, pending: state.pending });
  }
}

/** Parses a command and rewrites every value to go through the quoting helper. */
export function prepareCommand(source: string): PreparedCommand {
  const parsed = parseTemplate(source);
  if (!parsed.ok) return { ok: false, errors: [parsed.error] };
  const preparer = new Preparer();
  const state = initialState();
  preparer.program(parsed.program, state);
  const open = preparer.lost ? undefined : unclosed(state);
  if (open) preparer.errors.push(open);
  if (preparer.errors.length > 0) return { ok: false, errors: preparer.errors };
  return { ok: true, program: parsed.program };
}
