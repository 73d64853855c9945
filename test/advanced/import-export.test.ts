import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { openStore } from '../../src/store/db.js';
import { cliFolder, jobdeck } from '../cli/cli-harness.js';

const ITEMS = `
items:
  - name: say_twice
    display_name: Say twice
    category: testing
    command: echo {{word}} {{word}}
    parameters:
      - { name: word, type: string, required: true }
  - name: count_to
    display_name: Count to
    category: testing
    command: seq {{to}}
    default_timeout: 30
    parameters:
      - { name: to, type: number, default: 3, validation: { min: 1, max: 10 } }
`;

const BROKEN = `
items:
  - name: bad_one
    display_name: Bad one
    category: testing
    command: echo {{nmae}}
    parameters:
      - { name: name, type: text }
  - name: lost_one
    display_name: Lost one
    category: testin
    command: echo hi
  - name: typo_one
    display_name: Typo one
    category: testing
    command: echo {{nmae}}
    parameters:
      - { name: name, type: string }
`;

let dir: string;
beforeEach(() => {
  dir = cliFolder([{ name: 'local', transport: 'local' }]);
});

function write(name: string, text: string): string {
  writeFileSync(join(dir, name), text);
  return name;
}

describe('catalog export and import', () => {
  it('dry-runs, imports, exports, and imports the export back unchanged', async () => {
    const dry = await jobdeck(dir, ['catalog', 'import', write('mine.yaml', ITEMS), '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toBe(
      'add     say_twice\nadd     count_to\ndry run: would add 2, change 0, leave 0\n',
    );
    expect((await jobdeck(dir, ['catalog', 'export'])).err).toContain('no user items yet');

    const imported = await jobdeck(dir, ['catalog', 'import', 'mine.yaml']);
    expect(imported.out).toContain('imported: added 2, changed 0, left 0');
    const ran = await jobdeck(dir, ['run', 'say_twice', '--server', 'local', 'word=hey']);
    expect(ran.out).toBe('hey hey\n');
    const shown = await jobdeck(dir, ['catalog', 'show', 'count_to', '--json']);
    expect(JSON.parse(shown.out)).toMatchObject({ name: 'count_to', default_timeout: 30 });

    const exported = await jobdeck(dir, ['catalog', 'export']);
    const items = parse(exported.out).items as Array<Record<string, unknown>>;
    expect(items.map((i) => i.name)).toEqual(['count_to', 'say_twice']);
    expect(items[0]).toMatchObject({ command: 'seq {{to}}', default_timeout: 30 });
    const again = await jobdeck(dir, ['catalog', 'import', write('back.yaml', exported.out)]);
    expect(again.out).toBe(
      'leave   count_to (unchanged)\nleave   say_twice (unchanged)\n' +
        'imported: added 0, changed 0, left 2\n',
    );

    write('changed.yaml', exported.out.replace('seq {{to}}', 'seq 1 {{to}}'));
    const changed = await jobdeck(dir, ['catalog', 'import', 'changed.yaml', '--dry-run']);
    expect(changed.out).toContain('change  count_to (command)\n');
  });

  it('refuses invalid items with the loader’s own messages, and imports nothing', async () => {
    const refused = await jobdeck(dir, ['catalog', 'import', write('broken.yaml', BROKEN)]);
    expect(refused.code).toBe(1);
    mkdirSync(join(dir, 'extra'));
    writeFileSync(join(dir, 'extra', 'broken.yaml'), BROKEN);
    const validated = await jobdeck(dir, ['catalog', 'validate', join(dir, 'catalog'), 'extra']);
    const loaderLines = validated.out
      .trim()
      .split('\n')
      .map((line) => line.replace(join(dir, 'extra', 'broken.yaml'), 'broken.yaml'));
    expect(refused.err.trim().split('\n')).toEqual([
      ...loaderLines,
      'nothing imported: 3 problems',
    ]);
    expect(refused.err).toContain('broken.yaml: item bad_one: parameters[0].type: expected one of');
    expect(refused.err).toContain(
      'lost_one: category: unknown category testin; did you mean testing?',
    );
    expect(refused.err).toContain('typo_one: command: unknown variable nmae; did you mean name?');

    const store = await openStore(join(dir, 'jobdeck.db'));
    const rows = await store.db.selectFrom('catalog_items').select('name').execute();
    await store.close();
    expect(rows.map((r) => r.name)).not.toContain('lost_one');
  });

  it('keeps shipped items as they are; a copy under a new name is a user item', async () => {
    const mine = (name: string) =>
      `items:\n  - { name: ${name}, display_name: Mine, category: testing, command: df }\n`;
    const shipped = mine('disk_usage');
    const refused = await jobdeck(dir, ['catalog', 'import', write('s.yaml', shipped)]);
    expect(refused.err).toContain(
      's.yaml: item disk_usage: name: disk_usage is shipped with jobdeck and cannot be changed ' +
        'in place; copy it under a new name',
    );
    const fileItem = mine('greet');
    const clash = await jobdeck(dir, ['catalog', 'import', write('g.yaml', fileItem)]);
    expect(clash.err).toContain('greet: name: duplicate item name (first defined in');

    const copied = await jobdeck(dir, ['catalog', 'copy', 'disk_usage', 'my_disk']);
    expect(copied.code).toBe(0);
    const exported = parse((await jobdeck(dir, ['catalog', 'export'])).out);
    expect(exported.items[0]).toMatchObject({ name: 'my_disk', display_name: 'Disk usage (copy)' });
    const twice = await jobdeck(dir, ['catalog', 'copy', 'disk_usage', 'my_disk']);
    expect(twice.err).toContain('my_disk: name: an item named my_disk already exists');

    // A later `start` or `run` syncs the file catalog; the user item survives it.
    await jobdeck(dir, ['run', 'greet', '--server', 'local', 'who=x']);
    const store = await openStore(join(dir, 'jobdeck.db'));
    const row = await store.db
      .selectFrom('catalog_items')
      .select(['source', 'enabled', 'system'])
      .where('name', '=', 'my_disk')
      .executeTakeFirst();
    await store.close();
    expect(row).toEqual({ source: 'import', enabled: 1, system: 0 });
    expect(readFileSync(join(dir, 'jobdeck.yaml'), 'utf8')).not.toContain('my_disk');
  });
});
