/** Refusals in words: what the user lacks, and what an admin adds to jobdeck.yaml to allow it. */
import type { ItemFacts, ServerFacts } from './access-rules.js';

export type Permission = 'run' | 'schedule' | 'cancel_others' | 'pin' | 'approve' | 'edit_items';

export interface Who {
  platform: string;
  userId: string;
}

const ACTS: Record<Permission, string> = {
  run: 'Running jobs',
  schedule: 'Creating or changing schedules',
  cancel_others: "Cancelling someone else's run",
  pin: 'Pinning favourites for the team',
  approve: 'Approving requests',
  edit_items: 'Editing catalog items',
};

function yaml(lines: string[]): string {
  return `\`\`\`\n${lines.join('\n')}\n\`\`\``;
}

function grantKey(platform: string): string {
  return platform === 'discord' ? 'discord_users' : 'slack_users';
}

function rolesText(roles: string[]): string {
  return roles.length > 0 ? `your roles (${roles.join(', ')})` : 'you have no role, and no role';
}

/** No `access:` section: nobody on a chat platform may act; this is the line to add. */
export function notConfigured(who: Who): string {
  return [
    `jobdeck has no access rules yet, so nobody on ${who.platform} may use it.`,
    'An admin adds this to jobdeck.yaml and restarts jobdeck:',
    yaml(['access:', '  admins:', `    - ${who.platform}:${who.userId}`]),
  ].join('\n');
}

/** Access is configured, but nothing names this user. */
export function noRole(who: Who, roleNames: string[]): string {
  const role = roleNames[0] ?? 'operator';
  const define = roleNames.length === 0 ? ['  roles:', `    ${role}:`, "      items: '*'"] : [];
  return [
    `You (${who.platform}:${who.userId}) have no jobdeck role.`,
    'An admin can grant one in jobdeck.yaml, for example:',
    yaml([
      'access:',
      ...define,
      '  grants:',
      `    ${role}:`,
      `      ${grantKey(who.platform)}: [${who.userId}]`,
    ]),
  ].join('\n');
}

export function lacksPermission(permission: Permission, roles: string[]): string {
  const fix =
    permission === 'run'
      ? 'add `items:` (and `servers:`) to one of them'
      : `add \`${permission}: true\` to one of them`;
  return (
    `${ACTS[permission]} needs the ${permission} permission, which none of ${rolesText(roles)} ` +
    `has. An admin can ${fix} under access.roles in jobdeck.yaml.`
  );
}

export function itemRefused(item: ItemFacts, roles: string[]): string {
  const label = item.display_name ?? item.name;
  return (
    `None of ${rolesText(roles)} allows ${label} (\`${item.name}\`, category ${item.category}, ` +
    `${item.difficulty}). An admin can add it under access.roles.<role>.items in jobdeck.yaml.`
  );
}

export function serverRefused(server: ServerFacts, roles: string[]): string {
  const labels = server.labels.length > 0 ? ` (labels: ${server.labels.join(', ')})` : '';
  return (
    `None of ${rolesText(roles)} allows the server ${server.name}${labels}. ` +
    'An admin can add it under access.roles.<role>.servers in jobdeck.yaml.'
  );
}

export function channelRefused(item: ItemFacts, channel: string): string {
  const label = item.display_name ?? item.name;
  return (
    `${label} may not run in this channel: the rule for ${channel} under access.channels ` +
    'does not allow it. Run it in a channel that allows it, or ask an admin to change the rule.'
  );
}
