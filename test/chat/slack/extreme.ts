/** A catalog and configuration at the extremes: 100 servers, 50 parameters, 3,000 characters. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

export const LONG = 3000;
const long = (seed: string) =>
  `${seed} `.repeat(Math.ceil(LONG / (seed.length + 1))).slice(0, LONG);
const TYPES = ['string', 'number', 'boolean', 'select', 'multiselect', 'secret'] as const;

function options(count: number, seed: string) {
  return Array.from({ length: count }, (_, i) => ({
    value: i % 2 === 0 ? `${seed}-${i}-${'v'.repeat(LONG)}` : `${seed}-${i}`,
    label: `${seed} option ${i} ${long('<&>label')}`,
  }));
}

function parameter(i: number) {
  const type = TYPES[i % TYPES.length]!;
  const base = {
    name: `p${String(i).padStart(2, '0')}`,
    type,
    label: long(`Label ${i}`),
    description: long(`<b>description</b> & ${i}`),
    placeholder: long('placeholder'),
    warning: long(`⚠️ careful ${i}`),
    required: i % 3 === 0,
  };
  if (type === 'string') return { ...base, default: long(`default-${i}`) };
  if (type === 'number') return { ...base, default: i };
  if (type === 'boolean') return { ...base, default: true };
  const opts = options(100, `o${i}`);
  if (type === 'select') return { ...base, options: opts, default: opts[98]!.value };
  if (type === 'multiselect')
    return { ...base, options: opts, default: [opts[0]!.value, opts[1]!.value] };
  return base;
}

function item(name: string, fields: Record<string, unknown>) {
  return {
    name,
    display_name: `${name} ${long('Display')}`,
    description: long(`${name} description with \`code\` <tags> & ampersands`),
    category: 'extreme',
    emoji: '🧨',
    command: 'true',
    ...fields,
  };
}

export function extremeCatalog(): string {
  const params = Array.from({ length: 50 }, (_, i) => parameter(i));
  const many = Array.from({ length: 60 }, (_, i) =>
    item(`filler_${String(i).padStart(2, '0')}`, { command: 'echo filler', difficulty: 'basic' }),
  );
  return stringify({
    categories: [
      { name: 'extreme', display_name: long('Extreme'), description: long('desc'), emoji: '🧨' },
    ],
    items: [
      item('huge_form', {
        command: `echo ${params.map((p) => `{{${p.name}}}`).join(' ')}`,
        parameters: params,
        required_capabilities: ['docker'],
      }),
      item('huge_output', {
        command: `yes '${'x'.repeat(99)}' | head -n 1024`,
      }),
      item('danger_zone', {
        difficulty: 'advanced',
        command: 'echo {{word}}',
        parameters: [{ name: 'word', type: 'string', default: long('w') }],
      }),
      ...many,
    ],
  });
}

export function extremeCatalogDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jobdeck-extreme-'));
  writeFileSync(join(dir, 'extreme.yaml'), extremeCatalog());
  return dir;
}

/** 100 servers on this machine with long names, labels and capabilities; half have docker. */
export function extremeServers(): Record<string, unknown>[] {
  return Array.from({ length: 100 }, (_, i) => ({
    name: `server-${String(i).padStart(3, '0')}-${'n'.repeat(50)}`,
    transport: 'local',
    labels: [long('label')],
    capabilities: i % 2 === 0 ? ['docker', long('cap')] : [long('cap')],
    max_concurrent: 4,
  }));
}

export function extremeChannels(): Record<string, unknown>[] {
  return Array.from({ length: 20 }, (_, i) => ({
    name: `channel-${i}-${'c'.repeat(50)}`,
    type: 'ntfy',
    topic: `topic${i}`,
  }));
}
