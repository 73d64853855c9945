/** Pure matching of access rules: which items and servers a selector covers, who a grant names. */
import type { AccessConfig, ItemSelector, ServerSelector } from '../config/access-schema.js';

/** What access rules look at in a catalog item (a CatalogItem fits). */
export interface ItemFacts {
  name: string;
  category: string;
  difficulty: string;
  display_name?: string;
}

export interface ServerFacts {
  name: string;
  labels: readonly string[];
}

/**
 * Names listed always match; otherwise the item's category must be listed (when categories are)
 * and its difficulty too (when difficulties are). A selector listing nothing matches nothing.
 */
export function itemMatches(selector: ItemSelector | undefined, item: ItemFacts): boolean {
  if (selector === undefined) return false;
  if (selector === '*') return true;
  if (selector.names?.includes(item.name)) return true;
  const categories = selector.categories ?? [];
  const difficulties: readonly string[] = selector.difficulties ?? [];
  if (categories.length === 0 && difficulties.length === 0) return false;
  const inCategory = categories.length === 0 || categories.includes(item.category);
  return inCategory && (difficulties.length === 0 || difficulties.includes(item.difficulty));
}

export function serverMatches(selector: ServerSelector | undefined, server: ServerFacts): boolean {
  if (selector === undefined) return false;
  if (selector === '*') return true;
  if (selector.names?.includes(server.name)) return true;
  return (selector.labels ?? []).some((label) => server.labels.includes(label));
}

export function selectsAnything(selector: ItemSelector | ServerSelector | undefined): boolean {
  if (selector === undefined) return false;
  if (selector === '*') return true;
  return Object.values(selector).some((list) => Array.isArray(list) && list.length > 0);
}

type Grant = AccessConfig['grants'][string];

/** Whether a grant names this user, directly, by `*`, or through a group or role. */
export function grantNames(
  grant: Grant,
  platform: string,
  userId: string,
  platformRoles: readonly string[],
): boolean {
  const [users, groups] =
    platform === 'slack'
      ? [grant.slack_users, grant.slack_groups]
      : platform === 'discord'
        ? [grant.discord_users, grant.discord_roles]
        : [[], []];
  if (users.includes('*') || users.includes(userId)) return true;
  return groups.some((group) => platformRoles.includes(group));
}
