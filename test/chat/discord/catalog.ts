/** Catalog items for the Discord tests as a catalog folder: sleepers, long output, big forms. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

const LONG = 'x'.repeat(3000);

function textParams(count: number, required: number) {
  return Array.from({ length: count }, (_, i) => ({
    name: `field_${i + 1}`,
    type: 'string',
    label: `Field ${i + 1}`,
    required: i < required,
    ...(i < required ? {} : { default: `value ${i + 1}` }),
  }));
}

/** Parameters at every limit: 50 of them, long labels, descriptions, defaults and options. */
function hugeParams() {
  const options = (n: number, width: number) =>
    Array.from({ length: n }, (_, i) => ({
      value: `opt_${i}_${'v'.repeat(width)}`.slice(0, width + 8),
      label: `Option ${i} ${'l'.repeat(120)}`,
    }));
  return Array.from({ length: 50 }, (_, i) => {
    const base = {
      name: `p${i}`,
      label: `Parameter ${i} with a very long label ${'w'.repeat(80)}`,
      description: `Description ${'d'.repeat(300)}`,
      placeholder: `Placeholder ${'p'.repeat(200)}`,
      warning: i % 7 === 0 ? `Warning ${'!'.repeat(200)}` : undefined,
    };
    const kind = i % 6;
    if (kind === 0)
      return { ...base, type: 'select', options: options(40, 10), default: 'opt_0_vvvvvvvvvv' };
    if (kind === 1) return { ...base, type: 'multiselect', options: options(20, 120) };
    if (kind === 2) return { ...base, type: 'boolean', default: true };
    if (kind === 3) return { ...base, type: 'number', default: 5, validation: { min: 1, max: 10 } };
    if (kind === 4) return { ...base, type: 'secret' };
    return { ...base, type: 'string', default: LONG, validation: { maxLength: 4000 } };
  });
}

export const TEST_ITEMS = [
  {
    name: 'slow_sleep',
    display_name: 'Slow sleeper',
    description: 'Sleeps for a while, then says done.',
    category: 'dtest',
    command: 'echo started; sleep {{seconds}}; echo done',
    parameters: [{ name: 'seconds', type: 'number', default: 30 }],
  },
  {
    name: 'long_output',
    display_name: 'Long output',
    description: 'Prints about 100 KB of numbered lines.',
    category: 'dtest',
    command: 'seq 1 {{count}}',
    parameters: [{ name: 'count', type: 'number', default: 20000 }],
  },
  {
    name: 'many_fields',
    display_name: 'Many fields',
    description: 'Seven fields: a form on two pages.',
    category: 'dtest',
    command: 'echo {{field_1}} {{field_6}} {{port}}',
    parameters: [
      ...textParams(6, 1),
      {
        name: 'port',
        type: 'number',
        label: 'Port',
        default: 22,
        validation: { min: 1, max: 65535 },
      },
    ],
  },
  {
    name: 'huge_form',
    display_name: `Huge form ${'h'.repeat(200)}`,
    description: `A form at every limit. ${'z'.repeat(3000)}`,
    category: 'dtest',
    command: 'echo {{p5}}',
    parameters: hugeParams(),
  },
  {
    name: 'danger_zone',
    display_name: 'Danger zone',
    description: 'Marked dangerous: asks before it runs.',
    category: 'dtest',
    difficulty: 'advanced',
    command: 'echo careful',
  },
];

/** A catalog folder holding TEST_ITEMS; pass it as `catalog_dirs`. */
export function testCatalogDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jobdeck-discord-catalog-'));
  const doc = {
    categories: [{ name: 'dtest', display_name: 'Discord tests', description: 'Items for tests' }],
    items: TEST_ITEMS,
  };
  writeFileSync(join(dir, 'dtest.yaml'), stringify(doc));
  return dir;
}
