import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { isJobdeckError } from '../../src/errors.js';

function folderWith(yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'jobdeck-config-'));
  writeFileSync(join(dir, 'jobdeck.yaml'), yaml);
  return dir;
}

describe('loadConfig', () => {
  it('runs on defaults when there is no file, with the local demo server', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'jobdeck-empty-'));
    const config = loadConfig({ cwd, env: {} });
    expect(config.source).toBeUndefined();
    expect(config.database).toBe(join(cwd, 'data/jobdeck.db'));
    expect(config.servers.map((s) => [s.name, s.transport])).toEqual([['local', 'local']]);
    expect(Object.isFrozen(config.servers[0])).toBe(true);
  });

  it('reports every problem at once with its key path', () => {
    const cwd = folderWith(
      'servers:\n  - name: ok\n  - name: web1\n    port: ssh\n    transprt: ssh\ntimezone: UTC\n',
    );
    let message = '';
    try {
      loadConfig({ cwd, env: {} });
    } catch (error) {
      expect(isJobdeckError(error, 'config_invalid')).toBe(true);
      message = (error as Error).message;
    }
    expect(message).toContain('servers[1].port: expected an integer 1-65535, got "ssh"');
    expect(message).toContain('servers[1]: unknown key "transprt"');
    expect(message).toContain('2 problems');
  });

  it('prefers --config over JOBDECK_CONFIG over ./jobdeck.yaml', () => {
    const a = folderWith('timezone: Europe/Berlin\n');
    const b = folderWith('timezone: America/New_York\n');
    expect(loadConfig({ cwd: a, env: {} }).timezone).toBe('Europe/Berlin');
    const fromEnv = loadConfig({ cwd: a, env: { JOBDECK_CONFIG: join(b, 'jobdeck.yaml') } });
    expect(fromEnv.timezone).toBe('America/New_York');
    const fromFlag = loadConfig({
      cwd: a,
      path: join(a, 'jobdeck.yaml'),
      env: { JOBDECK_CONFIG: join(b, 'jobdeck.yaml') },
    });
    expect(fromFlag.timezone).toBe('Europe/Berlin');
  });

  it('refuses an unknown timezone and a missing explicit file, saying what to do', () => {
    expect(() => loadConfig({ cwd: folderWith('timezone: Mars/Base\n'), env: {} })).toThrow(
      /IANA zone/,
    );
    expect(() => loadConfig({ path: '/nonexistent/jobdeck.yaml', env: {} })).toThrow(
      /--config or JOBDECK_CONFIG/,
    );
  });

  it('expands ~ in key paths and resolves relative paths against the file', () => {
    const cwd = folderWith(
      'database: db/x.db\nservers:\n  - name: nas\n    host: 10.0.0.2\n    private_key: ~/.ssh/id_ed25519\n',
    );
    const config = loadConfig({ cwd, env: {} });
    expect(config.database).toBe(join(cwd, 'db/x.db'));
    expect(config.servers[0]?.private_key).toMatch(/^\/.*\.ssh\/id_ed25519$/);
    expect(config.servers[0]?.port).toBe(22);
  });
});
