import { execFileSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Catalog, loadCatalog, shippedCatalogDir } from '../../src/catalog/catalog.js';
import { validateParameters } from '../../src/catalog/params.js';
import { renderCommand } from '../../src/catalog/render.js';
import { tempDir } from './helpers.js';

let catalog: Catalog;

beforeAll(async () => {
  ({ catalog } = await loadCatalog({ shippedDir: shippedCatalogDir(), userDirs: [] }));
});

function render(name: string, raw: Record<string, unknown> = {}): string {
  const item = catalog.require(name);
  const checked = validateParameters(item, raw);
  if (!checked.ok) throw new Error(`${name}: ${JSON.stringify(checked.errors)}`);
  return renderCommand(item, checked.values).command;
}

/** Values for the required parameters of every shipped item, as chat would send them. */
const REQUIRED: Record<string, Record<string, string>> = {
  docker_container_restart: { container_name: 'web' },
  docker_logs: { container_name: 'web' },
  docker_pull_image: { image_name: 'nginx' },
  check_port: { port: '443' },
  tar_backup: { source: '/srv/app/data' },
  rsync_folder: { source: '/srv/app/data', destination: 'backup.example.com:/srv/backups' },
  zfs_snapshot: { dataset: 'tank/data' },
  ping_host: { host: 'example.com' },
  resolve_name: { hostname: 'example.com' },
  dns_lookup: { name: 'example.com' },
  http_check: { url: 'https://example.com/health' },
};

describe('the shipped catalog', () => {
  it('has the six categories in order, with their colours', () => {
    expect(
      catalog.categories().map((c) => [c.name, c.display_name, c.color, c.sort_order]),
    ).toEqual([
      ['docker', 'Docker', '#2496ED', 1],
      ['system', 'System', '#5E81AC', 2],
      ['monitoring', 'Monitoring', '#88C0D0', 3],
      ['backup', 'Backup', '#A3BE8C', 4],
      ['network', 'Network', '#B48EAD', 5],
      ['security', 'Security', '#BF616A', 6],
    ]);
    expect(catalog.category('docker')?.description).toBe('Container management and cleanup');
    for (const name of ['backup', 'network', 'security']) {
      expect(catalog.search({ category: name }).length, name).toBeGreaterThanOrEqual(2);
    }
  });

  it('renders the fourteen listed items exactly, with defaults', () => {
    expect(render('docker_cleanup')).toBe('docker system prune -f');
    expect(render('docker_container_restart', { container_name: 'web' })).toBe(
      'docker restart web',
    );
    expect(render('docker_logs', { container_name: 'web' })).toBe('docker logs --tail 100 web');
    expect(render('docker_stats')).toBe(
      'docker stats --no-stream --format "table {{.Container}}\\t{{.CPUPerc}}\\t{{.MemUsage}}\\t{{.NetIO}}"',
    );
    expect(render('docker_pull_image', { image_name: 'nginx' })).toBe('docker pull nginx:latest');
    expect(render('apt_update')).toBe('sudo apt-get update');
    expect(render('apt_upgrade')).toBe('sudo DEBIAN_FRONTEND=noninteractive apt-get upgrade -y');
    expect(render('dnf_upgrade')).toBe('sudo dnf upgrade -y');
    expect(render('reboot_server')).toBe('sudo shutdown -r now');
    expect(render('disk_usage')).toBe('df -h');
    expect(render('memory_usage')).toBe('free -h');
    expect(render('top_processes')).toBe('ps aux --sort=-%cpu | head -n 10');
    expect(render('systemd_failed')).toBe('systemctl --failed');
    expect(render('check_port', { port: '8080' })).toBe(
      'ss -tlnp | grep :8080 || echo "Port 8080 is not listening"',
    );
  });

  it('renders the listed items exactly with sample values', () => {
    expect(render('docker_cleanup', { prune_volumes: 'yes' })).toBe(
      'docker system prune -f --volumes',
    );
    expect(render('docker_container_restart', { container_name: 'my.app_1' })).toBe(
      'docker restart my.app_1',
    );
    expect(render('docker_logs', { container_name: 'db', lines: '500' })).toBe(
      'docker logs --tail 500 db',
    );
    expect(render('docker_pull_image', { image_name: 'ghcr.io/acme/api', tag: 'v1.2.3' })).toBe(
      'docker pull ghcr.io/acme/api:v1.2.3',
    );
    expect(render('apt_upgrade', { dist_upgrade: 'true' })).toBe(
      'sudo DEBIAN_FRONTEND=noninteractive apt-get upgrade -y && ' +
        'sudo DEBIAN_FRONTEND=noninteractive apt-get dist-upgrade -y',
    );
    expect(render('reboot_server', { delay: '+5' })).toBe('sudo shutdown -r +5');
    expect(render('top_processes', { sort_by: '%mem', count: '25' })).toBe(
      'ps aux --sort=-%mem | head -n 25',
    );
    expect(render('check_port', { port: 22 })).toBe(
      'ss -tlnp | grep :22 || echo "Port 22 is not listening"',
    );
  });

  it('gives the listed items their capabilities, timeouts, OS filters and notifications', () => {
    const facts = (name: string) => {
      const item = catalog.require(name);
      return [item.category, item.difficulty, item.required_capabilities, item.default_timeout];
    };
    expect(facts('docker_cleanup')).toEqual(['docker', 'basic', ['docker'], 300]);
    expect(facts('docker_pull_image')).toEqual(['docker', 'intermediate', ['docker'], 600]);
    expect(facts('apt_upgrade')).toEqual(['system', 'intermediate', ['apt'], 1800]);
    expect(facts('reboot_server')).toEqual(['system', 'advanced', [], 60]);
    expect(facts('check_port')).toEqual(['monitoring', 'basic', [], 30]);
    expect(catalog.require('reboot_server').confirm).toBe(true);
    expect(catalog.require('dnf_upgrade').os_filter?.distro).toEqual([
      'fedora',
      'rhel',
      'centos',
      'rocky',
      'alma',
    ]);
    expect(catalog.require('apt_update').os_filter?.distro).toEqual(['debian', 'ubuntu']);
    const cleanup = catalog.require('docker_cleanup');
    expect(cleanup.success_title_template).toBe('Docker cleanup completed on {{server_name}}');
    expect(cleanup.ntfy_failure_tags).toEqual(['x', 'whale']);
    expect(cleanup.parameters[0]?.warning).toBe('This will permanently delete volume data!');
    expect(catalog.require('docker_container_restart').ntfy_success_tags).toEqual([
      'arrows_counterclockwise',
      'whale',
    ]);
  });

  it('validates and renders every item with its defaults and required sample values', () => {
    for (const item of catalog.items({ includeDisabled: true })) {
      expect(item.display_name.length, item.name).toBeGreaterThan(3);
      expect(item.description.length, item.name).toBeGreaterThan(10);
      expect(item.emoji, item.name).toBeTruthy();
      const command = render(item.name, REQUIRED[item.name] ?? {});
      expect(command.length, item.name).toBeGreaterThan(0);
      expect(command, item.name).not.toMatch(/\{\{(?!\.)/);
    }
  });

  it('renders the new items with hostile-looking sample values as single words', () => {
    expect(render('tar_backup', { source: '/srv/my data', archive_name: 'app' })).toBe(
      'mkdir -p /var/backups/jobdeck && ' +
        'archive=/var/backups/jobdeck/app-$(date +%Y%m%d-%H%M%S).tar.gz && ' +
        `tar -czf "$archive" -C '/srv/my data' . && ls -lh "$archive"`,
    );
    expect(
      render('rsync_folder', { source: '/a', destination: '/b', delete: 'yes', dry_run: 'yes' }),
    ).toBe('rsync -a --stats --delete --dry-run /a/ /b');
    expect(render('failed_ssh_logins', { hours: '2', lines: '5' })).toContain(
      '--since "2 hours ago"',
    );
    expect(render('fail2ban_status')).toBe('sudo fail2ban-client status');
    expect(render('fail2ban_status', { jail: 'sshd' })).toBe('sudo fail2ban-client status sshd');
    expect(
      render('dns_lookup', { name: 'example.com', record_type: 'MX', resolver: '1.1.1.1' }),
    ).toBe('dig +noall +answer @1.1.1.1 example.com MX');
    const refused = validateParameters(catalog.require('ping_host'), { host: '-f' });
    expect(refused).toMatchObject({
      ok: false,
      errors: { host: expect.stringMatching(/must start with/) },
    });
  });

  it('hands docker its own Go template literally', () => {
    const bin = tempDir('jobdeck-fake-docker-');
    const docker = join(bin, 'docker');
    writeFileSync(docker, '#!/bin/sh\nfor arg in "$@"; do printf \'<%s>\\n\' "$arg"; done\n');
    chmodSync(docker, 0o755);
    const output = execFileSync('sh', ['-c', render('docker_stats')], {
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    }).toString();
    expect(output).toBe(
      '<stats>\n<--no-stream>\n<--format>\n<table {{.Container}}\\t{{.CPUPerc}}\\t{{.MemUsage}}\\t{{.NetIO}}>\n',
    );
  });
});
