import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { maskParameters, renderCommand, shellQuote } from '../../src/catalog/render.js';
import { isJobdeckError } from '../../src/errors.js';
import { CORPUS } from '../support/hostile-corpus.js';
import { makeItem, tempDir } from './helpers.js';

const PLACES: Array<{ place: string; command: string; expected: (v: string) => string }> = [
  { place: 'outside quotes', command: "printf '%s' {{value}}", expected: (v) => v },
  {
    place: 'inside double quotes',
    command: `printf '%s' "<{{value}}>"`,
    expected: (v) => `<${v}>`,
  },
  {
    place: 'inside single quotes',
    command: "printf '%s' '<{{value}}>'",
    expected: (v) => `<${v}>`,
  },
  { place: 'joined to other text', command: "printf '%s' x{{value}}y", expected: (v) => `x${v}y` },
  {
    place: 'inside $(…)',
    command: `printf '%s' "$(printf '%s' {{value}})"`,
    expected: (v) => v.replace(/\n+$/, ''),
  },
];

const secretItem = makeItem({
  command: 'login --user {{user}} --password {{password}}',
  parameters: [
    { name: 'user', type: 'string' },
    { name: 'password', type: 'secret' },
  ],
});

/** sh is what the brief names; bash is the most common login shell a command meets over SSH. */
const SHELLS = ['sh', ...(existsSync('/usr/bin/bash') || existsSync('/bin/bash') ? ['bash'] : [])];

function run(command: string, cwd: string, shell = 'sh'): Buffer {
  return execFileSync(shell, ['-c', command], { cwd, maxBuffer: 16 * 1024 * 1024 });
}

describe('hostile values', () => {
  for (const shell of SHELLS) {
    for (const { place, command, expected } of PLACES) {
      it(`come back byte for byte from ${shell} when placed ${place}`, () => {
        const item = makeItem({ command, parameters: [{ name: 'value', type: 'string' }] });
        const cwd = tempDir('jobdeck-hostile-');
        for (const value of CORPUS) {
          const rendered = renderCommand(item, { value }).command;
          const output = run(rendered, cwd, shell).toString('utf8');
          expect(output, JSON.stringify(value.slice(0, 60))).toBe(expected(value));
        }
        expect(readdirSync(cwd)).toEqual([]);
      });
    }
  }

  it('come back as separate words from a multiselect and from #each', () => {
    const values = CORPUS.slice(0, 40);
    const cwd = tempDir('jobdeck-hostile-');
    const list = makeItem({
      command: "printf '[%s]' {{picked}}",
      parameters: [{ name: 'picked', type: 'multiselect', options: [{ value: 'a', label: 'a' }] }],
    });
    const expected = values.map((v) => `[${v}]`).join('');
    expect(run(renderCommand(list, { picked: values }).command, cwd).toString()).toBe(expected);
    const each = makeItem({
      command: "{{#each picked}}printf '[%s]' {{this}}; {{/each}}",
      parameters: [{ name: 'picked', type: 'multiselect', options: [{ value: 'a', label: 'a' }] }],
    });
    expect(run(renderCommand(each, { picked: values }).command, cwd).toString()).toBe(expected);
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('leave safe text bare and quote everything else as one word', () => {
    expect(shellQuote('nginx:1.25')).toBe('nginx:1.25');
    expect(shellQuote('a=b,c@d%e+f')).toBe('a=b,c@d%e+f');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('-rf')).toBe("'-rf'");
    expect(shellQuote('=ls')).toBe("'=ls'");
    expect(shellQuote('~root')).toBe("'~root'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it('refuse NUL bytes and lone surrogates with value_refused', () => {
    const item = makeItem({
      command: 'echo {{value}}',
      parameters: [{ name: 'value', type: 'string' }],
    });
    for (const value of ['a\0b', '\0', 'a\uD800', '\uDC00z', 'x\uDBFF']) {
      let caught: unknown;
      try {
        renderCommand(item, { value });
      } catch (error) {
        caught = error;
      }
      expect(isJobdeckError(caught, 'value_refused'), JSON.stringify(value)).toBe(true);
    }
    expect(() => renderCommand(item, { value: '🚀' })).not.toThrow();
    expect(() => shellQuote('a\0')).toThrow(/NUL/);
  });

  it('render secrets into the command but mask them for display', () => {
    const values = { user: 'ops', password: "s3cr3t'; touch pwned" };
    const { command, display } = renderCommand(secretItem, values);
    expect(command).toBe(`login --user ops --password 's3cr3t'\\''; touch pwned'`);
    expect(display).toBe('login --user ops --password ********');
    expect(display).not.toContain('s3cr3t');
    expect(maskParameters(secretItem, values)).toEqual({ user: 'ops', password: '********' });
    expect(values.password).toBe("s3cr3t'; touch pwned");
  });
});
