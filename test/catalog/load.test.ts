import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { collectCatalog, loadCatalog, shippedCatalogDir } from '../../src/catalog/catalog.js';
import { formatProblem } from '../../src/catalog/problems.js';
import { isJobdeckError } from '../../src/errors.js';
import { catalogDir } from './helpers.js';

/** One item in category `tools`, with the given fields. */
function item(name: string, fields: Record<string, unknown>): Record<string, unknown> {
  return { name, display_name: name, category: 'tools', ...fields };
}

const select = { name: 'when', type: 'select', default: 'later' };
const BROKEN = stringify({
  categories: [{ name: 'tools', display_name: 'Tools' }],
  items: [
    item('bad_type', { command: 'echo {{n}}', parameters: [{ name: 'n', type: 'integer' }] }),
    item('bad_syntax', { command: 'echo {{#if x}}oops' }),
    item('bad_variable', {
      command: 'echo {{contaner}}',
      parameters: [{ name: 'container', type: 'string' }],
    }),
    item('bad_notice', {
      command: 'echo hi',
      failure_title_template: '{{job_nam}} broke on {{server_name}}',
    }),
    item('bad_select', { command: 'echo {{when}}', parameters: [select] }),
    item('bad_default', {
      command: 'echo {{when}}',
      parameters: [{ ...select, options: [{ value: 'now', label: 'Now' }] }],
    }),
    { ...item('lost_item', { command: 'echo hi' }), category: 'nowhere' },
    item('helpers_ok', {
      command: 'echo {{#each names}}{{this}} {{/each}}{{#unless quiet}}-v{{/unless}}',
      parameters: [
        { name: 'names', type: 'multiselect', options: [{ value: 'a', label: 'A' }] },
        { name: 'quiet', type: 'boolean' },
      ],
      success_body_template:
        '{{#each names}}{{this}}{{/each}} on {{server_name}}: {{duration_human}}',
    }),
  ],
});

function logCapture() {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { logger: pino({ level: 'warn' }, destination), lines };
}

describe('loading catalog files', () => {
  it('reports file, item and field for every problem, and keeps the good items', async () => {
    const dir = catalogDir({ 'tools.yaml': BROKEN });
    const { catalog, problems } = await collectCatalog({
      shippedDir: shippedCatalogDir(),
      userDirs: [dir],
    });
    const lines = problems.map(formatProblem);
    const file = `${dir}/tools.yaml`;
    expect(lines).toEqual([
      `${file}: item bad_type: parameters[0].type: expected one of "string", "number", ` +
        '"boolean", "select", "multiselect", "secret", got "integer"',
      `${file}: item bad_syntax: command: syntax error: Parse error on line 1: ` +
        "Expecting 'OPEN_INVERSE_CHAIN', 'INVERSE', 'OPEN_ENDBLOCK', got 'EOF'",
      `${file}: item bad_variable: command: unknown variable contaner; ` +
        'did you mean container? (a command can use only its parameters)',
      `${file}: item bad_notice: failure_title_template: unknown variable job_nam; ` +
        'did you mean job_name? (not a parameter or notification variable)',
      `${file}: item bad_select: parameters[0].options: a select needs options`,
      `${file}: item bad_default: parameters[0].default: "later" is not valid: ` +
        'When must be one of: now (Now)',
      `${file}: item lost_item: category: unknown category nowhere`,
    ]);
    expect(catalog.get('helpers_ok')?.parameters.map((p) => p.name)).toEqual(['names', 'quiet']);
    expect(catalog.get('bad_type')).toBeUndefined();
    expect(catalog.get('docker_logs')).toBeDefined();
  });

  it('stops start-up on a broken shipped catalog, listing every problem', async () => {
    const shipped = catalogDir({ 'tools.yaml': BROKEN });
    let caught: unknown;
    try {
      await loadCatalog({ shippedDir: shipped, userDirs: [] });
    } catch (error) {
      caught = error;
    }
    expect(isJobdeckError(caught, 'catalog_invalid')).toBe(true);
    const error = caught as Error & { details: string[] };
    expect(error.message).toMatch(/^the shipped catalog has 7 problems:/);
    expect(error.details).toHaveLength(7);
    expect(error.message).toContain(
      'catalog/tools.yaml: item bad_variable: command: unknown variable contaner',
    );
  });

  it('logs and skips a bad item in a user folder, loading the rest', async () => {
    const dir = catalogDir({
      'extra.yaml': `items:
  - name: docker_logs
    display_name: Mine
    category: docker
    command: echo shadow
  - name: my_uptime
    display_name: Uptime
    category: monitoring
    command: uptime
  - name: broken
    display_name: Broken
    category: monitoring
    command: echo {{missing}}
`,
      'notes.txt': 'not a catalog file',
      'bad.yml': 'items: [unclosed\n',
    });
    const { logger, lines } = logCapture();
    const { catalog, problems } = await loadCatalog({
      shippedDir: shippedCatalogDir(),
      userDirs: [dir],
      logger,
    });
    expect(catalog.get('my_uptime')?.command).toBe('uptime');
    expect(catalog.get('broken')).toBeUndefined();
    expect(catalog.get('docker_logs')?.command).toBe(
      'docker logs --tail {{lines}} {{container_name}}',
    );
    expect(problems.map((p) => [p.item, p.field])).toEqual([
      [undefined, undefined],
      ['broken', 'command'],
      ['docker_logs', 'name'],
    ]);
    expect(problems[0]?.message).toMatch(/^not valid YAML \(line \d\)/);
    expect(problems[2]?.message).toBe('duplicate item name (first defined in catalog/docker.yaml)');
    expect(lines.map((l) => [l.level, l.item, l.field])).toEqual([
      [40, undefined, undefined],
      [40, 'broken', 'command'],
      [40, 'docker_logs', 'name'],
    ]);
    expect(String(lines[1]?.msg)).toMatch(
      /extra\.yaml: item broken: command: unknown variable missing.*; skipped$/,
    );
  });

  it('reports a missing user folder and a duplicate category', async () => {
    const dir = catalogDir({
      'a.yaml': 'categories:\n  - { name: docker, display_name: Again }\n',
    });
    const { problems } = await collectCatalog({
      shippedDir: shippedCatalogDir(),
      userDirs: [dir, '/nonexistent/jobdeck-catalog'],
    });
    expect(problems.map(formatProblem)).toEqual([
      `${dir}/a.yaml: category docker: name: duplicate category name (first defined in catalog/docker.yaml)`,
      '/nonexistent/jobdeck-catalog: no such folder',
    ]);
  });

  it('finds the closest category for a typo and reserves notification names', async () => {
    const dir = catalogDir({
      'b.yaml': `items:
  - name: typo
    display_name: Typo
    category: dockr
    command: echo {{status}}
    parameters:
      - { name: status, type: string }
`,
    });
    const { problems } = await collectCatalog({ shippedDir: shippedCatalogDir(), userDirs: [dir] });
    expect(problems.map((p) => `${p.field}: ${p.message}`)).toEqual([
      'parameters[0].name: status is a notification variable; pick another parameter name',
    ]);
    const again = catalogDir({
      'c.yaml': 'items:\n  - { name: t, display_name: T, category: dockr, command: ls }\n',
    });
    const second = await collectCatalog({ shippedDir: shippedCatalogDir(), userDirs: [again] });
    expect(second.problems[0]?.message).toBe('unknown category dockr; did you mean docker?');
  });
});
