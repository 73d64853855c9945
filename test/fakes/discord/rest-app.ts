/** Bot-token routes about the bot itself: gateway discovery, users/@me, application commands. */
import {
  apiError,
  type FakeContext,
  ok,
  type RestReply,
  type RestRequest,
  type Route,
  violate,
} from './context.js';
import { snowflake } from './ids.js';
import { objects } from './limits-message.js';
import { checkCommands } from './limits-other.js';
import { userObject } from './objects.js';
import type { Json, JsonObject } from './types.js';

export function appRoutes(ctx: FakeContext): Route[] {
  const get = (template: string, handler: () => RestReply, auth = true): Route => ({
    method: 'GET',
    template,
    auth,
    handler,
  });
  const global = '/applications/:app/commands';
  const guild = '/applications/:app/guilds/:guild/commands';
  return [
    get('/gateway/bot', () => ok(gatewayBot(ctx))),
    get('/gateway', () => ok({ url: ctx.gatewayUrl() }), false),
    get('/users/@me', () => ok(userObject(ctx.bot))),
    get('/applications/@me', () => ok(application(ctx))),
    commandRoute(ctx, 'GET', global),
    commandRoute(ctx, 'PUT', global),
    commandRoute(ctx, 'GET', guild),
    commandRoute(ctx, 'PUT', guild),
  ];
}

function gatewayBot(ctx: FakeContext): Json {
  return {
    url: ctx.gatewayUrl(),
    shards: 1,
    session_start_limit: {
      total: 1000,
      remaining: 999,
      reset_after: 86_400_000,
      max_concurrency: 1,
    },
  };
}

function application(ctx: FakeContext): Json {
  return {
    id: ctx.applicationId,
    name: ctx.bot.username,
    icon: null,
    description: '',
    bot_public: true,
    bot_require_code_grant: false,
    verify_key: '0'.repeat(64),
    flags: 0,
    bot: userObject(ctx.bot),
  };
}

function commandRoute(ctx: FakeContext, method: string, template: string): Route {
  return { method, template, auth: true, handler: (req) => commands(ctx, req) };
}

function commands(ctx: FakeContext, req: RestRequest): RestReply {
  const guildId = req.params.guild;
  const wrongApp = req.params.app !== ctx.applicationId;
  if (wrongApp || (guildId !== undefined && !ctx.state.guilds.has(guildId))) {
    return apiError(403, 50001, 'Missing Access');
  }
  const key = guildId ?? 'global';
  if (req.method === 'GET') return ok(ctx.state.commands.get(key) ?? []);
  if (!Array.isArray(req.body)) return apiError(400, 50035, 'Invalid Form Body');
  const list = objects(req.body);
  const refused = violate(ctx, req, checkCommands(list));
  if (refused) return refused;
  const before = ctx.state.commands.get(key) ?? [];
  const stored = list.map((command) => registered(ctx, command, before, guildId));
  ctx.state.commands.set(key, stored);
  return ok(stored);
}

/** A registered command keeps its id across overwrites, as Discord keeps it for the same name. */
function registered(
  ctx: FakeContext,
  command: JsonObject,
  before: JsonObject[],
  guildId: string | undefined,
): JsonObject {
  const type = command.type ?? 1;
  const previous = before.find((c) => c.name === command.name && c.type === type);
  const result: JsonObject = {
    id: typeof previous?.id === 'string' ? previous.id : snowflake(),
    application_id: ctx.applicationId,
    version: snowflake(),
    type,
    name: command.name ?? '',
    name_localizations: command.name_localizations ?? null,
    description: command.description ?? '',
    description_localizations: command.description_localizations ?? null,
    options: command.options ?? [],
    default_member_permissions: command.default_member_permissions ?? null,
    contexts: command.contexts ?? null,
    integration_types: command.integration_types ?? [0],
    nsfw: command.nsfw ?? false,
  };
  if (guildId) result.guild_id = guildId;
  return result;
}
