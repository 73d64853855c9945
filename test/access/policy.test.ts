import { describe, expect, it } from 'vitest';
import { accessSchema } from '../../src/config/access-schema.js';
import { configFrom } from '../../src/config/load.js';
import { isJobdeckError } from '../../src/errors.js';
import { AccessPolicy, type Subject } from '../../src/jobs/access.js';

const policy = new AccessPolicy(
  accessSchema.parse({
    admins: ['slack:UADMIN', 'discord:900'],
    roles: {
      ops: {
        items: { categories: ['docker', 'system'], difficulties: ['basic', 'intermediate'] },
        servers: { labels: ['staging'] },
        schedule: true,
      },
      reboots: { items: { names: ['reboot'] }, servers: { names: ['web1'] } },
      lead: { items: '*', servers: '*', approve: true, pin: true, cancel_others: true },
      helper: { edit_items: true },
    },
    grants: {
      ops: { slack_users: ['U1'], slack_groups: ['SOPS'], discord_roles: ['R-OPS'] },
      reboots: { slack_users: ['U1'] },
      lead: { discord_users: ['D-LEAD'] },
      helper: { slack_users: ['U-HELP'] },
    },
    channels: [{ channel: 'slack:CPROD', items: { names: ['disk'] } }],
    approval: { items: ['wipe'], expires_after: 120 },
    rate_limit: 5,
  }),
);

const item = (name: string, category: string, difficulty = 'basic') => ({
  name,
  category,
  difficulty,
  display_name: name,
});
const DOCKER_PS = item('docker_ps', 'docker');
const DOCKER_PRUNE = item('docker_prune', 'docker', 'advanced');
const REBOOT = item('reboot', 'system', 'advanced');
const DISK = item('disk', 'monitoring');

function slack(userId: string, groups: string[] = [], channelId?: string): Subject {
  return { platform: 'slack', userId, platformRoles: groups, channelId };
}
function discord(userId: string, roles: string[] = []): Subject {
  return { platform: 'discord', userId, platformRoles: roles };
}
const CONSOLE: Subject = { platform: 'console', userId: 'op', platformRoles: [] };
const API_OPS: Subject = {
  platform: 'api',
  userId: 'ci',
  platformRoles: [],
  jobdeckRoles: ['ops'],
};

describe('roles', () => {
  it.each([
    ['a listed admin', slack('UADMIN'), ['admin']],
    ['a discord admin', discord('900'), ['admin']],
    ['a user granted two roles', slack('U1'), ['ops', 'reboots']],
    ['a slack user group', slack('U9', ['SOPS']), ['ops']],
    ['a discord role', discord('D9', ['R-OPS']), ['ops']],
    ['a discord user', discord('D-LEAD'), ['lead']],
    ['nobody in particular', slack('U404'), []],
    ['a slack id on discord', discord('U1'), []],
    ['the console', CONSOLE, ['admin']],
    ['an api token with roles', API_OPS, ['ops']],
    [
      'an api token naming an unknown role',
      { ...API_OPS, jobdeckRoles: ['nope', 'admin'] },
      ['admin'],
    ],
  ])('%s', (_, subject, roles) => {
    expect(policy.rolesOf(subject)).toEqual(roles);
    expect(policy.isAdmin(subject)).toBe(roles.includes('admin'));
  });
});

describe('items, servers and channels', () => {
  it.each([
    [slack('U1'), DOCKER_PS, true],
    [slack('U1'), DOCKER_PRUNE, false],
    [slack('U1'), REBOOT, true],
    [slack('U1'), DISK, false],
    [slack('U9', ['SOPS']), REBOOT, false],
    [discord('D-LEAD'), DOCKER_PRUNE, true],
    [slack('UADMIN'), DISK, true],
    [slack('U404'), DOCKER_PS, false],
    [CONSOLE, DOCKER_PRUNE, true],
  ])('%j may use %j: %s', (subject, it_, allowed) => {
    expect(policy.canUseItem(subject, it_).ok).toBe(allowed);
  });

  it('names what is missing when an item is refused', () => {
    const decision = policy.canUseItem(slack('U1'), DOCKER_PRUNE);
    expect(decision).toEqual({
      ok: false,
      reason:
        'None of your roles (ops, reboots) allows docker_prune (`docker_prune`, category docker, ' +
        'advanced). An admin can add it under access.roles.<role>.items in jobdeck.yaml.',
    });
  });

  it.each([
    [slack('U1'), { name: 'web1', labels: [] }, true],
    [slack('U1'), { name: 'web2', labels: ['staging'] }, true],
    [slack('U1'), { name: 'db1', labels: ['prod'] }, false],
    [discord('D-LEAD'), { name: 'db1', labels: ['prod'] }, true],
    [slack('UADMIN'), { name: 'db1', labels: [] }, true],
  ])('%j may use server %j: %s', (subject, server, allowed) => {
    expect(policy.canUseServer(subject, server).ok).toBe(allowed);
  });

  it('applies channel rules to everyone but the console', () => {
    expect(policy.canUseItem(slack('U1', [], 'CPROD'), DOCKER_PS)).toEqual({
      ok: false,
      reason:
        'docker_ps may not run in this channel: the rule for slack:CPROD under access.channels ' +
        'does not allow it. Run it in a channel that allows it, or ask an admin to change ' +
        'the rule.',
    });
    expect(policy.canUseItem(slack('UADMIN'), DOCKER_PS, 'CPROD').ok).toBe(false);
    expect(policy.canUseItem(slack('UADMIN'), DISK, 'CPROD').ok).toBe(true);
    expect(policy.canUseItem(slack('U1'), DOCKER_PS, 'COTHER').ok).toBe(true);
    expect(policy.canUseItem({ ...CONSOLE, channelId: 'CPROD' }, DOCKER_PS).ok).toBe(true);
  });
});

describe('permissions', () => {
  it.each([
    [slack('U1'), 'run', true],
    [slack('U1'), 'schedule', true],
    [slack('U1'), 'approve', false],
    [slack('U1'), 'pin', false],
    [slack('U-HELP'), 'run', false],
    [slack('U-HELP'), 'edit_items', true],
    [discord('D-LEAD'), 'approve', true],
    [discord('D-LEAD'), 'cancel_others', true],
    [discord('D-LEAD'), 'edit_items', false],
    [slack('UADMIN'), 'edit_items', true],
    [CONSOLE, 'cancel_others', true],
    [API_OPS, 'schedule', true],
  ] as const)('%j can %s: %s', (subject, permission, allowed) => {
    expect(policy.can(subject, permission).ok).toBe(allowed);
  });

  it('says which permission is missing and what to add', () => {
    expect(policy.can(slack('U1'), 'pin')).toEqual({
      ok: false,
      reason:
        'Pinning favourites for the team needs the pin permission, which none of your roles ' +
        '(ops, reboots) has. An admin can add `pin: true` to one of them under access.roles ' +
        'in jobdeck.yaml.',
    });
  });

  it('tells a user without any role how to be granted one', () => {
    const decision = policy.can(slack('U404'), 'run');
    expect(decision.ok).toBe(false);
    expect(!decision.ok && decision.reason).toBe(
      'You (slack:U404) have no jobdeck role.\n' +
        'An admin can grant one in jobdeck.yaml, for example:\n' +
        '```\naccess:\n  grants:\n    ops:\n      slack_users: [U404]\n```',
    );
  });

  it('approval: advanced by default, listed items, and the configured expiry and limit', () => {
    expect(policy.needsApproval(DOCKER_PRUNE)).toBe(true);
    expect(policy.needsApproval(DOCKER_PS)).toBe(false);
    expect(policy.needsApproval(item('wipe', 'system'))).toBe(true);
    expect(policy.approvalExpiry).toBe(120_000);
    expect(policy.rateLimit).toBe(5);
  });
});

describe('the safe default: no access section', () => {
  const none = new AccessPolicy(undefined);

  it('lets nobody on Slack or Discord do anything, and says exactly what to add', () => {
    for (const permission of ['run', 'schedule', 'approve', 'pin'] as const)
      expect(none.can(slack('U0123ABCD'), permission).ok).toBe(false);
    expect(none.canUseItem(discord('123456789012345678'), DISK)).toEqual({
      ok: false,
      reason:
        'jobdeck has no access rules yet, so nobody on discord may use it.\n' +
        'An admin adds this to jobdeck.yaml and restarts jobdeck:\n' +
        '```\naccess:\n  admins:\n    - discord:123456789012345678\n```',
    });
    expect(none.canUseServer(slack('U0123ABCD'), { name: 'local', labels: [] }).ok).toBe(false);
    expect(none.configured).toBe(false);
    expect(none.approvalExpiry).toBe(3_600_000);
    expect(none.rateLimit).toBe(10);
  });

  it('keeps the console the local operator, always admin', () => {
    expect(none.isAdmin(CONSOLE)).toBe(true);
    expect(none.canUseItem(CONSOLE, DOCKER_PRUNE).ok).toBe(true);
    expect(none.can(CONSOLE, 'approve').ok).toBe(true);
  });

  it('an empty section is configured but grants nothing, and says how to define a role', () => {
    const empty = new AccessPolicy(accessSchema.parse({}));
    const decision = empty.can(slack('U1'), 'run');
    expect(!decision.ok && decision.reason).toContain(
      "access:\n  roles:\n    operator:\n      items: '*'\n" +
        '  grants:\n    operator:\n      slack_users: [U1]',
    );
  });
});

describe('the access section in jobdeck.yaml', () => {
  function problems(access: unknown): string {
    try {
      configFrom({ access });
      return '';
    } catch (error) {
      expect(isJobdeckError(error, 'config_invalid')).toBe(true);
      return (error as Error).message;
    }
  }

  it('reports malformed entries with their key paths', () => {
    const message = problems({
      admins: ['U0123'],
      roles: { ops: { items: { colours: ['red'] } } },
      channels: [{ channel: 'C1', items: '*' }],
      approval: { difficulties: ['expert'] },
      rate_limit: -1,
    });
    expect(message).toContain('access.admins[0]: expected slack:USERID or discord:USERID');
    expect(message).toContain('access.roles.ops.items: unknown key "colours"');
    expect(message).toContain('access.channels[0].channel: expected platform:channel');
    expect(message).toContain('access.approval.difficulties[0]');
    expect(message).toContain('access.rate_limit');
  });

  it('reports grants of unknown roles and a redefined admin', () => {
    const message = problems({
      roles: { admin: {}, ops: { items: '*' } },
      grants: { opz: { slack_users: ['U1'] } },
    });
    expect(message).toContain('access.roles.admin: admin is built in');
    expect(message).toContain(
      'access.grants.opz: no role "opz" under access.roles (roles: admin, ops)',
    );
  });

  it('accepts the documented example', () => {
    expect(
      problems({
        admins: ['slack:U0123ABCD', 'discord:123456789012345678'],
        roles: { ops: { items: { categories: ['docker'] }, servers: '*', schedule: true } },
        grants: { ops: { slack_groups: ['S0456'] }, admin: { discord_roles: ['777'] } },
      }),
    ).toBe('');
  });
});
