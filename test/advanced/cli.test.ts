import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { cliFolder, jobdeck } from '../cli/cli-harness.js';

const WORKFLOWS = `
workflows:
  - name: chain
    display_name: Chain
    steps:
      - { name: hello, item: greet, parameters: { who: ops }, servers: [local], on_success: fail }
      - { name: fail, item: broken, labels: [lab], always: cleanup }
      - { name: cleanup, item: greet, parameters: { who: all }, servers: [local, other] }
`;

let dir: string;
beforeEach(() => {
  dir = cliFolder([
    { name: 'local', transport: 'local' },
    { name: 'other', transport: 'local', labels: ['lab'] },
  ]);
  mkdirSync(join(dir, 'catalog', 'workflows'));
  writeFileSync(join(dir, 'catalog', 'workflows', 'chain.yaml'), WORKFLOWS);
});

describe('workflow and group commands', () => {
  it('lists, runs and shows a workflow, step by step', async () => {
    const list = await jobdeck(dir, ['workflow', 'list']);
    expect(list.out).toBe('chain  Chain: hello -> fail -> cleanup\n');

    const run = await jobdeck(dir, ['workflow', 'run', 'chain']);
    expect(run.code).toBe(1);
    const report = [
      'workflow run #1: Chain (chain) failure',
      '  ✅ hello: greet on local (1 of 1)',
      '  ❌ fail: broken on other (0 of 1; exit 3 on other)',
      '  ✅ cleanup: greet on local, other (2 of 2)',
    ];
    expect(run.out.trim().split('\n')).toEqual(report);
    expect(run.err).toContain('❌ fail: broken on other');
    expect((await jobdeck(dir, ['workflow', 'show', '1'])).out.trim().split('\n')).toEqual(report);
    expect((await jobdeck(dir, ['workflow', 'run', 'chian'])).err).toContain('no workflow chian');
  });

  it('runs an item on servers by name and label, and reruns only what failed', async () => {
    const run = await jobdeck(dir, [
      'group',
      'run',
      'greet',
      '--label',
      'lab',
      '--server',
      'local',
      'who=x',
    ]);
    expect(run.code).toBe(0);
    expect(run.out).toContain('run group #1: greet success');
    expect(run.out).toContain('2 of 2 servers succeeded.');
    const again = await jobdeck(dir, ['group', 'rerun', '1']);
    expect(again.code).toBe(1);
    expect(again.err).toContain('every server of run group 1 succeeded');

    const broken = await jobdeck(dir, [
      'group',
      'run',
      'broken',
      '--label',
      'lab',
      '--server',
      'local',
      '--min-success',
      '50%',
    ]);
    expect(broken.out).toContain('run group #2: broken failure');
    const rerun = await jobdeck(dir, ['group', 'rerun', '2']);
    expect(rerun.err).toContain('again on local, other');
    const bad = await jobdeck(dir, ['group', 'run', 'greet', '--label', 'nope']);
    expect(bad.err).toContain('no server has the label "nope"; labels: lab');
  });
});
