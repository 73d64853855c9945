import { describe, expect, it } from 'vitest';
import { checkCompatibility } from '../../src/jobs/compat.js';
import { makeItem } from '../catalog/helpers.js';

const dockerLogs = makeItem({ name: 'docker_logs', required_capabilities: ['docker'] });
const aptUpgrade = makeItem({
  name: 'apt_upgrade',
  required_capabilities: ['apt'],
  os_filter: { distro: ['debian', 'ubuntu'] },
});
const dnfUpgrade = makeItem({
  name: 'dnf_upgrade',
  os_filter: { distro: ['fedora', 'rocky', 'alma'] },
});

describe('checkCompatibility', () => {
  it('accepts a server with every capability and a matching distro', () => {
    const web1 = { name: 'web1', capabilities: ['apt', 'docker', 'systemd'], distro: 'ubuntu' };
    expect(checkCompatibility(dockerLogs, web1)).toEqual({
      ok: true,
      missing: [],
      message: 'web1 has everything docker_logs needs',
    });
    expect(checkCompatibility(aptUpgrade, web1).ok).toBe(true);
    const alma = { name: 'db1', capabilities: [], distro: 'almalinux' };
    expect(checkCompatibility(dnfUpgrade, alma).ok).toBe(true);
  });

  it('names a missing capability and what the server has', () => {
    const web1 = { name: 'web1', capabilities: ['systemd', 'apt'], distro: 'debian' };
    expect(checkCompatibility(dockerLogs, web1)).toEqual({
      ok: false,
      missing: ['docker'],
      message: 'needs docker; web1 has apt, systemd',
    });
  });

  it('names the distros wanted and the one the server runs', () => {
    const web1 = { name: 'web1', capabilities: ['apt'], distro: 'fedora' };
    expect(checkCompatibility(aptUpgrade, web1)).toEqual({
      ok: false,
      missing: ['os:debian|ubuntu'],
      message: 'needs a debian or ubuntu system; web1 runs fedora',
    });
  });

  it('says both at once, and when the server was never probed', () => {
    const bare = { name: 'pi', capabilities: [], distro: null };
    expect(checkCompatibility(aptUpgrade, bare).message).toBe(
      'needs apt and a debian or ubuntu system; pi has no detected capabilities and has not been probed yet',
    );
    const fedora = { name: 'nas', capabilities: ['dnf', 'zfs'], distro: 'fedora' };
    expect(checkCompatibility(aptUpgrade, fedora).message).toBe(
      'needs apt and a debian or ubuntu system; nas has dnf, zfs and runs fedora',
    );
  });
});
