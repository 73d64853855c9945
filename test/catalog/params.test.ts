import { describe, expect, it } from 'vitest';
import { validateParameters } from '../../src/catalog/params.js';
import { makeItem } from './helpers.js';

const logs = makeItem({
  name: 'docker_logs',
  command: 'docker logs --tail {{lines}} {{container_name}}',
  parameters: [
    {
      name: 'container_name',
      type: 'string',
      label: 'Container name',
      required: true,
      validation: { pattern: '^[a-zA-Z0-9][a-zA-Z0-9_.-]*$' },
    },
    {
      name: 'lines',
      type: 'number',
      label: 'Lines',
      default: 100,
      validation: { min: 1, max: 5000, integer: true },
    },
  ],
});

const kinds = makeItem({
  command: 'echo {{flag}} {{level}} {{services}} {{note}} {{token}}',
  parameters: [
    { name: 'flag', type: 'boolean' },
    {
      name: 'level',
      type: 'select',
      default: 'low',
      options: [
        { value: 'low', label: 'Low' },
        { value: 'high', label: 'High' },
      ],
    },
    {
      name: 'services',
      type: 'multiselect',
      options: ['web', 'db', 'cache'].map((value) => ({ value, label: value })),
      validation: { maxLength: 2 },
    },
    { name: 'note', type: 'string', validation: { minLength: 2, maxLength: 5 } },
    {
      name: 'token',
      type: 'secret',
      validation: { pattern: '[a-f0-9]+', message: 'must be hexadecimal' },
    },
  ],
});

describe('validateParameters', () => {
  it('coerces chat strings and applies defaults', () => {
    expect(validateParameters(logs, { container_name: 'web', lines: '12' })).toEqual({
      ok: true,
      values: { container_name: 'web', lines: 12 },
    });
    expect(validateParameters(logs, { container_name: 'web' })).toEqual({
      ok: true,
      values: { container_name: 'web', lines: 100 },
    });
    expect(validateParameters(logs, { container_name: 'web', lines: '' })).toMatchObject({
      values: { lines: 100 },
    });
  });

  it('returns every error at once, per field, in the words a user reads', () => {
    const result = validateParameters(logs, { lines: '9000', colour: 'red' });
    expect(result).toEqual({
      ok: false,
      raw: { lines: '9000', colour: 'red' },
      errors: {
        container_name: 'Container name is required',
        lines: 'Lines must be between 1 and 5000',
        colour: 'unknown parameter colour; this job takes: container_name, lines',
      },
    });
  });

  it('refuses numbers with trailing text, fractions for whole numbers, and bad patterns', () => {
    const result = validateParameters(logs, { container_name: '-rf', lines: '12abc' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.lines).toBe('Lines must be a number, got "12abc"');
    expect(result.errors.container_name).toBe(
      'Container name may only contain letters, digits, _ . - and must start with a letter or digit',
    );
    const fraction = validateParameters(logs, { container_name: 'web', lines: '1.5' });
    expect(fraction).toMatchObject({ errors: { lines: 'Lines must be a whole number' } });
  });

  it('reads booleans, selects and multiselects the way chat sends them', () => {
    for (const [given, expected] of [
      ['yes', true],
      ['ON', true],
      ['1', true],
      ['true', true],
      ['no', false],
      ['off', false],
      ['0', false],
      ['False', false],
    ] as const) {
      const result = validateParameters(kinds, { flag: given });
      expect(result).toMatchObject({ ok: true, values: { flag: expected } });
    }
    const ok = validateParameters(kinds, { level: 'high', services: 'web, db,web' });
    expect(ok).toEqual({
      ok: true,
      values: { flag: false, level: 'high', services: ['web', 'db'] },
    });
    const list = validateParameters(kinds, { services: ['cache'] });
    expect(list).toMatchObject({ ok: true, values: { services: ['cache'] } });
  });

  it('words what is wrong with each kind of value', () => {
    const result = validateParameters(kinds, {
      flag: 'maybe',
      level: 'medium',
      services: 'web,db,cache',
      note: 'x',
      token: 'XYZ',
    });
    expect(result).toMatchObject({
      ok: false,
      errors: {
        flag: 'Flag must be yes or no, got "maybe"',
        level: 'Level must be one of: low (Low), high (High)',
        services: 'Services needs at most 2 choices',
        note: 'Note must be between 2 and 5 characters long',
        token: 'Token must be hexadecimal',
      },
    });
    const wrongChoice = validateParameters(kinds, { services: 'web,mail' });
    expect(wrongChoice).toMatchObject({
      errors: { services: 'Services: "mail" not among: web, db, cache' },
    });
  });

  it('anchors patterns so a value must match as a whole', () => {
    const result = validateParameters(kinds, { token: 'abc; rm -rf /' });
    expect(result).toMatchObject({ ok: false, errors: { token: 'Token must be hexadecimal' } });
  });

  it('refuses NUL bytes and lone surrogates as a field error', () => {
    const result = validateParameters(kinds, { note: 'a\0b' });
    expect(result).toMatchObject({
      ok: false,
      errors: { note: expect.stringMatching(/NUL byte/) },
    });
    const surrogate = validateParameters(kinds, { note: 'a\uD800' });
    expect(surrogate.ok).toBe(false);
  });

  it('says when a job takes no parameters at all', () => {
    const none = makeItem({ name: 'disk_usage', command: 'df -h' });
    expect(validateParameters(none, { path: '/' })).toMatchObject({
      errors: { path: 'unknown parameter path; this job takes none' },
    });
    expect(validateParameters(none, {})).toEqual({ ok: true, values: {} });
  });
});
