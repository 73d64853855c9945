/** Completes a partial interaction into the INTERACTION_CREATE Discord sends; dispatches it. */
import type { FakeContext } from './context.js';
import type { FakeGateway } from './gateway.js';
import { InteractionHandle } from './handle.js';
import { interactionToken, snowflake } from './ids.js';
import {
  ALL_PERMISSIONS,
  CHANNEL_TEXT,
  channelObject,
  type FakeUser,
  memberObject,
  userObject,
} from './objects.js';
import type { InteractionRecord } from './state.js';
import type { JsonObject } from './types.js';

/** Who acts, and where; the fake's default user, guild and channel fill what is left out. */
export interface Actor {
  user?: FakeUser;
  channelId?: string;
  /** null for a direct message with the bot. */
  guildId?: string | null;
  locale?: string;
}

export interface Defaults {
  user: FakeUser;
  guildId: string;
  channelId: string;
}

export class InteractionDispatcher {
  constructor(
    private readonly ctx: FakeContext,
    private readonly gateway: FakeGateway,
    private readonly defaults: Defaults,
  ) {}

  /** Dispatches `partial` (at least `type` and `data`) over the base every interaction has. */
  dispatch(partial: JsonObject & { type: number }, actor: Actor = {}): InteractionHandle {
    const id = snowflake();
    const token = interactionToken();
    const guildId = actor.guildId === undefined ? this.defaults.guildId : actor.guildId;
    const channelId = actor.channelId ?? this.defaults.channelId;
    const payload = {
      ...this.base(id, token, partial.type, guildId, channelId, actor),
      ...partial,
    };
    const record: InteractionRecord = {
      id,
      token,
      type: partial.type,
      payload,
      createdAt: Date.now(),
      channelId,
      guildId,
      callbackType: null,
      originalId: null,
      loading: false,
      followUpIds: [],
      modal: null,
      callbackExpired: false,
      tokenExpired: false,
    };
    this.ctx.state.addInteraction(record);
    this.gateway.dispatch('INTERACTION_CREATE', payload);
    return new InteractionHandle(record, this.ctx.recorder, this.ctx.state);
  }

  private base(
    id: string,
    token: string,
    type: number,
    guildId: string | null,
    channelId: string,
    actor: Actor,
  ): JsonObject {
    const user = actor.user ?? this.defaults.user;
    const locale = actor.locale ?? 'en-US';
    const channel = this.channel(channelId, guildId);
    const where: JsonObject = guildId
      ? {
          guild_id: guildId,
          guild: { id: guildId, locale: 'en-US', features: [] },
          guild_locale: 'en-US',
          member: memberObject(user),
          authorizing_integration_owners: { '0': guildId },
          context: 0,
        }
      : { user: userObject(user), authorizing_integration_owners: { '1': user.id }, context: 1 };
    return {
      id,
      application_id: this.ctx.applicationId,
      type,
      token,
      version: 1,
      ...where,
      channel_id: channelId,
      channel: { ...channel, permissions: ALL_PERMISSIONS },
      app_permissions: ALL_PERMISSIONS,
      locale,
      entitlements: [],
      attachment_size_limit: this.ctx.settings.attachmentSizeLimit,
    };
  }

  private channel(channelId: string, guildId: string | null): JsonObject {
    const known = this.ctx.state.channels.get(channelId);
    if (known) return channelObject(known);
    if (!guildId) return { id: channelId, type: 1, flags: 0, last_message_id: null };
    return channelObject(this.ctx.state.addChannel({ id: channelId, guildId, type: CHANNEL_TEXT }));
  }
}
