/** Reads a Handlebars template's syntax tree: the variables it names and the helpers it uses. */
import Handlebars from 'handlebars';

type Node = hbs.AST.Node;

export interface HelperSet {
  /** Helpers allowed as `{{#name …}}` blocks. */
  block: readonly string[];
  /** Helpers allowed as `{{name arg}}` or `(name arg)`. */
  inline: readonly string[];
}

export const COMMAND_HELPERS: HelperSet = { block: ['if', 'unless', 'each'], inline: [] };
export const NOTIFICATION_HELPERS: HelperSet = {
  block: ['if', 'unless', 'each', 'with'],
  inline: ['lookup'],
};
const CHANGES_CONTEXT = new Set(['each', 'with']);
const BUILT_IN = new Set(['if', 'unless', 'each', 'with', 'lookup', 'log']);

export interface TemplateScan {
  /** Top-level names the template reads, in the order they first appear. */
  variables: string[];
  errors: string[];
}

export type ParseResult = { ok: true; program: hbs.AST.Program } | { ok: false; error: string };

/** Parses a template; a syntax error comes back as one line naming where it is. */
export function parseTemplate(source: string): ParseResult {
  try {
    return { ok: true, program: Handlebars.parse(source) };
  } catch (error) {
    const lines = (error instanceof Error ? error.message : String(error)).split('\n');
    const first = lines[0] ?? '';
    const last = lines.length > 1 ? ` ${lines[lines.length - 1]}` : '';
    return { ok: false, error: `syntax error: ${first.replace(/:$/, '')}:${last}` };
  }
}

export function lineOf(node: Node): string {
  return `line ${node.loc?.start.line ?? 1}`;
}

interface Scope {
  /** Inside #each or #with: bare names would read a field of the current element. */
  element: boolean;
  blockParams: readonly string[];
}

class Walker {
  readonly variables = new Set<string>();
  readonly errors: string[] = [];
  private readonly scopes: Scope[] = [{ element: false, blockParams: [] }];

  constructor(private readonly helpers: HelperSet) {}

  program(program: hbs.AST.Program | undefined, scope?: Scope): void {
    if (!program) return;
    if (scope) this.scopes.push(scope);
    for (const statement of program.body) this.statement(statement);
    if (scope) this.scopes.pop();
  }

  private statement(node: Node): void {
    if (node.type === 'ContentStatement' || node.type === 'CommentStatement') return;
    if (node.type === 'MustacheStatement') this.mustache(node as hbs.AST.MustacheStatement);
    else if (node.type === 'BlockStatement') this.block(node as hbs.AST.BlockStatement);
    else this.errors.push(`${lineOf(node)}: partials and decorators are not supported`);
  }

  private mustache(node: hbs.AST.MustacheStatement): void {
    if (node.params.length > 0 || node.hash) {
      this.call(node);
      return;
    }
    const path = node.path as hbs.AST.PathExpression;
    if (path.type === 'PathExpression' && path.parts.length === 1 && BUILT_IN.has(path.original)) {
      this.errors.push(`${lineOf(node)}: {{${path.original}}} is a helper, not a value`);
      return;
    }
    this.expression(node.path);
  }

  private block(node: hbs.AST.BlockStatement): void {
    const name = node.path.original;
    if (!this.helpers.block.includes(name)) {
      const allowed = this.helpers.block.map((h) => `#${h}`).join(', ');
      this.errors.push(`${lineOf(node)}: unknown block {{#${name}}}; use one of ${allowed}`);
      return;
    }
    for (const param of node.params) this.expression(param);
    for (const pair of node.hash?.pairs ?? []) this.expression(pair.value);
    const inner = CHANGES_CONTEXT.has(name)
      ? { element: true, blockParams: node.program?.blockParams ?? [] }
      : undefined;
    this.program(node.program, inner);
    this.program(node.inverse);
  }

  private call(node: hbs.AST.MustacheStatement | hbs.AST.SubExpression): void {
    const name = (node.path as hbs.AST.PathExpression).original;
    if (!this.helpers.inline.includes(name)) {
      this.errors.push(`${lineOf(node)}: unknown helper ${name}; a value is written {{name}}`);
      return;
    }
    for (const param of node.params) this.expression(param);
    for (const pair of node.hash?.pairs ?? []) this.expression(pair.value);
  }

  private expression(node: Node): void {
    if (node.type === 'SubExpression') this.call(node as hbs.AST.SubExpression);
    else if (node.type === 'PathExpression') this.path(node as hbs.AST.PathExpression);
  }

  private path(path: hbs.AST.PathExpression): void {
    const [name, field] = path.parts;
    if (path.data) {
      if (name === 'root' && field) this.variables.add(field);
      return;
    }
    if (name === undefined) return;
    const target = this.scopes.length - 1 - path.depth;
    const scope = this.scopes[target];
    if (!scope) {
      this.errors.push(`${lineOf(path)}: {{${path.original}}} reaches above the template`);
      return;
    }
    if (path.depth === 0 && this.scopes.some((s) => s.blockParams.includes(name))) return;
    if (scope.element) {
      this.errors.push(
        `${lineOf(path)}: {{${path.original}}} inside #each or #with reads the current element; ` +
          `use {{this}}, or {{../${path.original}}} for the outer value`,
      );
      return;
    }
    this.variables.add(name);
  }
}

/** The variables a parsed template reads, and every use it makes of helpers it may not use. */
export function scanProgram(program: hbs.AST.Program, helpers: HelperSet): TemplateScan {
  const walker = new Walker(helpers);
  walker.program(program);
  return { variables: [...walker.variables], errors: walker.errors };
}

/** Parses and scans a template; a syntax error is the one error reported. */
export function scanTemplate(source: string, helpers: HelperSet): TemplateScan {
  const parsed = parseTemplate(source);
  if (!parsed.ok) return { variables: [], errors: [parsed.error] };
  return scanProgram(parsed.program, helpers);
}
