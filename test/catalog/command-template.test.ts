import { describe, expect, it } from 'vitest';
import { prepareCommand } from '../../src/catalog/command-template.js';
import { renderCommand } from '../../src/catalog/render.js';
import { COMMAND_HELPERS, NOTIFICATION_HELPERS, scanTemplate } from '../../src/catalog/template.js';
import { isJobdeckError } from '../../src/errors.js';
import { makeItem } from './helpers.js';

function errorsOf(command: string): string[] {
  const prepared = prepareCommand(command);
  return prepared.ok ? [] : prepared.errors;
}

describe('prepareCommand', () => {
  it('accepts values outside quotes, inside "…", inside \'…\' and inside $(…)', () => {
    for (const command of [
      'echo {{x}}',
      'echo "a {{x}} b"',
      "echo 'a {{x}} b'",
      'echo "$(cat {{x}})"',
      'echo {{#if x}}"{{x}}"{{else}}none{{/if}}',
      "echo '#' {{x}}",
      'echo a#b {{x}}',
    ]) {
      expect(errorsOf(command), command).toEqual([]);
    }
  });

  it('refuses a value where the shell would not read it as plain text', () => {
    const dollar = '$';
    const cases: Array<[string, RegExp]> = [
      [`echo ${dollar}{{x}}`, /cannot follow \$/],
      [`echo "${dollar}{{x}}"`, /cannot follow \$/],
      ['echo \\\\{{x}}', /cannot follow a backslash/],
      ['echo `cat {{x}}`', /backticks/],
      ['echo "`cat {{x}}`"', /backticks/],
      ["echo $'{{x}}'", /\$'…'/],
      [`echo ${dollar}{HOME:-{{x}} }`, /\$\{…\}/],
      ['echo hi # {{x}}', /comment/],
      ['cat <<EOF\n{{x}}\nEOF', /here-document/],
    ];
    for (const [command, reason] of cases) {
      const errors = errorsOf(command);
      expect(errors.join('\n'), command).toMatch(reason);
      expect(errors.join('\n'), command).toMatch(/line \d+: \{\{x\}\}/);
    }
  });

  it('refuses blocks that leave a quote open and commands that end inside one', () => {
    expect(errorsOf('echo {{#if x}}"{{/if}}{{y}}"')).toEqual([
      'line 1: {{#if}} must close every quote and bracket it opens',
    ]);
    expect(errorsOf('echo "unterminated')).toEqual(['the command leaves " open']);
    expect(errorsOf('echo $(date')).toEqual(['the command leaves $( open']);
  });

  it('reports a template syntax error with its line', () => {
    expect(errorsOf('echo {{#if x}}oops')[0]).toMatch(
      /^syntax error: Parse error on line 1: Expecting/,
    );
  });

  it('renders a value inside double quotes as literal text the shell keeps', () => {
    const item = makeItem({
      command: 'echo "Port {{port}} is $HOME"',
      parameters: [{ name: 'port', type: 'string' }],
    });
    expect(renderCommand(item, { port: '80' }).command).toBe('echo "Port 80 is $HOME"');
    expect(renderCommand(item, { port: '$(id) `id` "q" \\' }).command).toBe(
      'echo "Port \\$(id) \\`id\\` \\"q\\" \\\\ is $HOME"',
    );
  });

  it('makes an unknown variable at render time template_invalid, never empty text', () => {
    const item = makeItem({
      command: 'echo {{typo}}',
      parameters: [{ name: 'value', type: 'string' }],
    });
    let caught: unknown;
    try {
      renderCommand(item, { value: 'x' });
    } catch (error) {
      caught = error;
    }
    expect(isJobdeckError(caught, 'template_invalid')).toBe(true);
    expect(String(caught)).toMatch(/\{\{typo\}\}/);
  });
});

describe('scanTemplate', () => {
  it('collects variables through #if, #unless, #each, @root and ../', () => {
    const scan = scanTemplate(
      '{{#if a}}{{b}}{{else}}{{#unless c}}{{d}}{{/unless}}{{/if}}' +
        '{{#each list}}{{this}} {{../e}} {{@root.f}} {{@index}}{{/each}}',
      COMMAND_HELPERS,
    );
    expect(scan).toEqual({ variables: ['a', 'b', 'c', 'd', 'list', 'e', 'f'], errors: [] });
  });

  it('names misuse: element fields, unknown helpers and blocks, partials', () => {
    const element = scanTemplate('{{#each list}}{{name}}{{/each}}', COMMAND_HELPERS);
    expect(element.errors[0]).toMatch(
      /\{\{name\}\} inside #each or #with reads the current element/,
    );
    expect(scanTemplate('{{#with x}}{{this}}{{/with}}', COMMAND_HELPERS).errors[0]).toMatch(
      /unknown block \{\{#with\}\}/,
    );
    expect(scanTemplate('{{lookup x y}}', COMMAND_HELPERS).errors[0]).toMatch(
      /unknown helper lookup/,
    );
    expect(scanTemplate('{{lookup x y}}', NOTIFICATION_HELPERS)).toEqual({
      variables: ['x', 'y'],
      errors: [],
    });
    expect(scanTemplate('{{> footer}}', NOTIFICATION_HELPERS).errors[0]).toMatch(/partials/);
  });
});
