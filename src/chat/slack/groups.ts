/** The Slack user groups each user belongs to, fetched once per cache period for access grants. */
import { messageOf } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { SlackApi } from './client.js';

/** How long one usergroups.list answer is used. */
export const GROUPS_TTL_MS = 5 * 60_000;
/** After a failed lookup, how long until the next try (meanwhile: no groups). */
const RETRY_AFTER_MS = 30_000;

interface Cached {
  byUser: Map<string, string[]>;
  until: number;
}

export class SlackUserGroups {
  readonly #api: Pick<SlackApi, 'userGroups'>;
  readonly #log: Logger;
  readonly #ttlMs: number;
  #cached: Cached | undefined;
  #pending: Promise<Cached> | undefined;

  constructor(api: Pick<SlackApi, 'userGroups'>, logger: Logger, ttlMs = GROUPS_TTL_MS) {
    this.#api = api;
    this.#log = logger;
    this.#ttlMs = ttlMs;
  }

  /** The ids of the user groups `user` is in; none when Slack could not be asked. */
  async of(user: string): Promise<string[]> {
    const cached =
      this.#cached && this.#cached.until > Date.now() ? this.#cached : await this.#refresh();
    return [...(cached.byUser.get(user) ?? [])];
  }

  /** One lookup at a time: interactions arriving meanwhile wait for the same answer. */
  #refresh(): Promise<Cached> {
    this.#pending ??= this.#fetch().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  async #fetch(): Promise<Cached> {
    try {
      const byUser = new Map<string, string[]>();
      for (const group of await this.#api.userGroups()) {
        for (const user of group.users) byUser.set(user, [...(byUser.get(user) ?? []), group.id]);
      }
      this.#cached = { byUser, until: Date.now() + this.#ttlMs };
    } catch (error) {
      this.#log.warn(
        { err: messageOf(error) },
        'could not read Slack user groups (scope usergroups:read); continuing without them',
      );
      this.#cached = { byUser: new Map(), until: Date.now() + RETRY_AFTER_MS };
    }
    return this.#cached;
  }
}
