/** Who may do what: admins, roles granted on each platform, channel rules, approval, limits. */
import type { AccessConfig, RoleConfig } from '../config/access-schema.js';
import {
  grantNames,
  type ItemFacts,
  itemMatches,
  type ServerFacts,
  selectsAnything,
  serverMatches,
} from './access-rules.js';
import {
  channelRefused,
  itemRefused,
  lacksPermission,
  noRole,
  notConfigured,
  type Permission,
  serverRefused,
} from './access-words.js';

export type { ItemFacts, ServerFacts } from './access-rules.js';
export type { Permission } from './access-words.js';

export interface Subject {
  platform: 'slack' | 'discord' | 'console' | 'api';
  userId: string;
  /** Slack user group ids or Discord role ids. */
  platformRoles: string[];
  /** jobdeck roles given directly, as API tokens have. */
  jobdeckRoles?: string[];
  channelId?: string;
}

export type Decision = { ok: true } | { ok: false; reason: string };

const OK: Decision = Object.freeze({ ok: true });
const ADMIN = 'admin';
const DEFAULT_EXPIRY_S = 3600;
const DEFAULT_RATE = 10;
const ROLE_CACHE = 10_000;

function no(reason: string): Decision {
  return { ok: false, reason };
}

export class AccessPolicy {
  readonly #access: AccessConfig | undefined;
  /** Roles by subject: the configuration is frozen, and lists check every item. */
  readonly #roles = new Map<string, string[]>();
  /** How long an approval request waits, in milliseconds. */
  readonly approvalExpiry: number;
  /** Runs one user may start per minute; 0 for no limit. */
  readonly rateLimit: number;

  constructor(access: AccessConfig | undefined) {
    this.#access = access;
    this.approvalExpiry = (access?.approval.expires_after ?? DEFAULT_EXPIRY_S) * 1000;
    this.rateLimit = access?.rate_limit ?? DEFAULT_RATE;
  }

  /** False when jobdeck.yaml has no `access:` section: only the console may act. */
  get configured(): boolean {
    return this.#access !== undefined;
  }

  isAdmin(s: Subject): boolean {
    return this.rolesOf(s).includes(ADMIN);
  }

  /** The jobdeck roles a subject holds, `admin` included when it is one. */
  rolesOf(s: Subject): string[] {
    if (s.platform === 'console') return [ADMIN];
    const access = this.#access;
    if (!access) return [];
    const key = `${s.platform}:${s.userId}|${s.platformRoles.join(',')}|${s.jobdeckRoles ?? ''}`;
    let roles = this.#roles.get(key);
    if (!roles) {
      roles = this.#computeRoles(s, access);
      if (this.#roles.size >= ROLE_CACHE) this.#roles.clear();
      this.#roles.set(key, roles);
    }
    return roles;
  }

  #computeRoles(s: Subject, access: AccessConfig): string[] {
    const roles = new Set<string>();
    if (access.admins.includes(`${s.platform}:${s.userId}`)) roles.add(ADMIN);
    for (const role of s.jobdeckRoles ?? [])
      if (role === ADMIN || role in access.roles) roles.add(role);
    for (const [role, grant] of Object.entries(access.grants)) {
      if (grantNames(grant, s.platform, s.userId, s.platformRoles)) roles.add(role);
    }
    return [...roles].sort();
  }

  /** Whether the subject may use jobdeck at all: refused when no rule names them. */
  canEnter(s: Subject): Decision {
    if (s.platform === 'console') return OK;
    if (!this.#access) return no(notConfigured(s));
    if (this.rolesOf(s).length === 0) return no(noRole(s, Object.keys(this.#access.roles)));
    return OK;
  }

  can(s: Subject, permission: Permission): Decision {
    const entered = this.canEnter(s);
    if (!entered.ok || this.isAdmin(s)) return entered;
    const roles = this.rolesOf(s);
    const held = this.#roleConfigs(roles).some((role) =>
      permission === 'run' ? selectsAnything(role.items) : role[permission],
    );
    return held ? OK : no(lacksPermission(permission, roles));
  }

  /** The item by role, then the channel's rule (which binds admins too, never the console). */
  canUseItem(s: Subject, item: ItemFacts, channelId?: string): Decision {
    const entered = this.canEnter(s);
    if (!entered.ok || s.platform === 'console') return entered;
    const roles = this.rolesOf(s);
    if (!roles.includes(ADMIN) && !this.#roleConfigs(roles).some((r) => itemMatches(r.items, item)))
      return no(itemRefused(item, roles));
    const where = channelId ?? s.channelId;
    const channel = `${s.platform}:${where}`;
    const rule = where ? this.#access?.channels.find((c) => c.channel === channel) : undefined;
    if (rule && !itemMatches(rule.items, item)) return no(channelRefused(item, channel));
    return OK;
  }

  canUseServer(s: Subject, server: ServerFacts): Decision {
    const entered = this.canEnter(s);
    if (!entered.ok || this.isAdmin(s)) return entered;
    const roles = this.rolesOf(s);
    if (this.#roleConfigs(roles).some((r) => serverMatches(r.servers, server))) return OK;
    return no(serverRefused(server, roles));
  }

  /** Whether starting this item needs someone else's approval (advanced items by default). */
  needsApproval(item: ItemFacts): boolean {
    const approval = this.#access?.approval;
    const difficulties: readonly string[] = approval?.difficulties ?? ['advanced'];
    return difficulties.includes(item.difficulty) || (approval?.items ?? []).includes(item.name);
  }

  #roleConfigs(roles: string[]): RoleConfig[] {
    const defined = this.#access?.roles ?? {};
    return roles.flatMap((role) => (defined[role] ? [defined[role]] : []));
  }
}
