import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closestNames } from '../../src/catalog/suggest.js';
import { catalogDir, runCli, tempDir } from './helpers.js';

describe('jobdeck catalog', () => {
  it('list groups items under their categories and filters by category and words', async () => {
    const all = await runCli(['catalog', 'list']);
    expect(all.code).toBe(0);
    expect(all.stdout).toMatch(
      /^🐳 Docker \(docker\): Container management and cleanup\n {2}docker_cleanup +basic +Docker cleanup\n/,
    );
    expect(all.stdout).toContain('🔒 Security (security): Security scans and updates');

    const docker = await runCli(['catalog', 'list', '--category', 'docker', '--search', 'logs']);
    expect(
      docker.stdout
        .trim()
        .split('\n')
        .slice(1)
        .map((l) => l.trim().split(/\s+/)[0]),
    ).toEqual(['docker_logs']);

    const json = await runCli(['catalog', 'list', '--json', '--search', 'apt packages']);
    const names = (JSON.parse(json.stdout) as Array<{ name: string }>).map((i) => i.name);
    expect(names).toEqual(['apt_update', 'apt_upgrade', 'apt_security_updates']);

    const typo = await runCli(['catalog', 'list', '--category', 'dockr']);
    expect(typo).toMatchObject({
      code: 1,
      stderr: 'jobdeck: no category dockr; did you mean docker?\n',
    });
  });

  it('show prints an item with its parameters in words', async () => {
    const shown = await runCli(['catalog', 'show', 'docker_logs']);
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('📜 docker_logs: Container logs');
    expect(shown.stdout).toContain('command      docker logs --tail {{lines}} {{container_name}}');
    expect(shown.stdout).toMatch(
      /lines +Lines: number, optional, default 100, whole number 1-5000/,
    );
    expect(shown.stdout).toContain('from         catalog/docker.yaml');
  });

  it('answers an unknown item with the closest names', async () => {
    const result = await runCli(['catalog', 'show', 'dockr_logs']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('jobdeck: no catalog item dockr_logs; did you mean docker_logs?\n');
  });

  it('render prints the exact command, or every field error with exit 1', async () => {
    const ok = await runCli(['catalog', 'render', 'docker_logs', 'container_name=web', 'lines=20']);
    expect(ok).toEqual({ code: 0, stdout: 'docker logs --tail 20 web\n', stderr: '' });

    const quoted = await runCli(['catalog', 'render', 'tar_backup', 'source=/srv/my data']);
    expect(quoted.stdout).toContain(`-C '/srv/my data' .`);

    const bad = await runCli([
      'catalog',
      'render',
      'docker_logs',
      'container_name=-x',
      'lines=0',
      'colour=red',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr.split('\n').filter(Boolean)).toEqual([
      'colour: unknown parameter colour; this job takes: container_name, lines',
      'container_name: Container name may only contain letters, digits, _ . - and must start with a letter or digit',
      'lines: Lines must be between 1 and 5000',
    ]);
  });

  it('render masks secrets', async () => {
    const dir = catalogDir({
      'login.yaml': `items:
  - name: api_login
    display_name: API login
    category: network
    command: curl -u {{user}}:{{password}} https://example.com
    parameters:
      - { name: user, type: string, required: true }
      - { name: password, type: secret, required: true }
`,
    });
    const result = await runCli([
      'catalog',
      'render',
      'api_login',
      'user=ops',
      'password=hunter2',
      '--catalog-dir',
      dir,
    ]);
    expect(result).toEqual({
      code: 0,
      stdout: 'curl -u ops:******** https://example.com\n',
      stderr: '',
    });
  });

  it('validate lists every problem with exit 1, and passes the shipped catalog', async () => {
    const good = await runCli(['catalog', 'validate']);
    expect(good.code).toBe(0);
    expect(good.stdout).toMatch(/^catalog valid: 6 categories, \d+ items from catalog\/\n$/);

    const dir = catalogDir({
      'bad.yaml': `items:
  - name: one
    display_name: One
    category: nope
    command: echo hi
  - name: two
    display_name: Two
    category: docker
    command: echo {{x}}
    confirm: maybe
`,
    });
    const bad = await runCli(['catalog', 'validate', dir]);
    expect(bad.code).toBe(1);
    expect(bad.stdout.split('\n').filter(Boolean)).toEqual([
      `${dir}/bad.yaml: item two: confirm: expected boolean, got "maybe"`,
      `${dir}/bad.yaml: item one: category: unknown category nope`,
    ]);
    expect(bad.stderr).toBe('catalog invalid: 2 problems\n');
  });

  it('validate with no folder checks the catalog_dirs of the configuration', async () => {
    const cwd = tempDir('jobdeck-cli-');
    const dir = catalogDir({
      'x.yaml':
        'items:\n  - { name: x, display_name: X, category: docker, command: "echo {{y}}" }\n',
    });
    writeFileSync(join(cwd, 'jobdeck.yaml'), `catalog_dirs: [${JSON.stringify(dir)}]\n`);
    const result = await runCli(['catalog', 'validate'], cwd);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`${dir}/x.yaml: item x: command: unknown variable y`);
  });
});

describe('closestNames', () => {
  it('prefers near spellings and substrings, and offers nothing when nothing is close', () => {
    const names = ['docker_logs', 'docker_stats', 'disk_usage', 'check_port'];
    expect(closestNames('docker_log', names)).toEqual(['docker_logs']);
    expect(closestNames('docker_stat', names)).toEqual(['docker_stats']);
    expect(closestNames('dokcer_logs', names)).toEqual(['docker_logs']);
    expect(closestNames('port', names)).toEqual(['check_port']);
    expect(closestNames('zzzzzz', names)).toEqual([]);
  });
});
