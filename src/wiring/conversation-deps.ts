/** Connects the conversation's ports to the app's parts. */

import type { App } from '../app.js';
import { validateParameters } from '../catalog/params.js';
import { maskParameters, renderCommand } from '../catalog/render.js';
import { closestNames } from '../catalog/suggest.js';
import type { ConversationDeps, ServerView } from '../conversation/ports.js';
import { checkCompatibility } from '../jobs/compat.js';
import { createDefinition } from '../jobs/definitions.js';
import type { ServerState } from '../jobs/servers.js';
import { savePolicy } from '../notify/policies.js';
import { previewNotification } from '../notify/preview.js';
import { describeCron } from '../scheduler/describe.js';

function view(state: ServerState): ServerView {
  return {
    name: state.name,
    host: state.host,
    transport: state.transport,
    labels: state.labels,
    capabilities: state.capabilities,
    distro: state.distro,
    reachable: state.reachable,
    probedAt: state.probedAt,
    lastError: state.lastError,
  };
}

export function conversationDeps(app: App, commandName = 'jobs'): ConversationDeps {
  const { db } = app.store;
  const channels = app.config.notifications.channels.map((c) => c.name);
  return {
    db,
    catalog: {
      items: () => app.catalog.items(),
      get: (name) => app.catalog.get(name),
      categories: () => app.catalog.categories(),
      search: (q) =>
        app.catalog.search({
          category: q.category,
          words: q.words,
          difficulty: q.difficulty as never,
        }),
    },
    servers: {
      list: async () => {
        const names = (await app.servers.list()).map((s) => s.name);
        return (await Promise.all(names.map((name) => app.servers.facts(name)))).map(view);
      },
      probe: async (name) => view(await app.servers.probe(name)),
    },
    runner: app.runner,
    scheduler: {
      add: (spec) =>
        app.scheduler.add({
          definitionId: spec.definitionId,
          name: spec.name,
          cron: spec.cron,
          timezone: spec.timezone,
          createdBy: spec.createdBy,
        }),
      pause: (id) => app.scheduler.pause(id),
      resume: (id) => app.scheduler.resume(id),
      remove: (id) => app.scheduler.remove(id),
      list: () => app.scheduler.list(),
    },
    definitions: {
      async create(spec) {
        const definition = await createDefinition(db, {
          item: spec.item,
          parameters: spec.values,
          servers: spec.servers,
          name: spec.name,
          createdBy: spec.createdBy,
          platform: spec.platform,
          channelId: spec.channelId,
        });
        const { onSuccess, onFailure, channels: chosen } = spec.notify;
        const on =
          onSuccess && onFailure ? 'both' : onSuccess ? 'success' : onFailure ? 'failure' : 'never';
        await savePolicy(
          db,
          {
            definitionId: definition.id,
            on,
            channels: chosen,
            templates: {},
            includeOutput: false,
            outputMaxLines: 20,
            tags: {},
            priority: {},
          },
          spec.item,
          channels,
        );
        return definition.id;
      },
    },
    params: {
      validate: (item, raw) => {
        const result = validateParameters(item, raw);
        return result.ok
          ? { ok: true, values: result.values }
          : { ok: false, errors: result.errors };
      },
      preview: (item, values) => renderCommand(item, values).display,
      mask: (item, values) => maskParameters(item, values),
    },
    cron: { describe: (expr, timezone, count) => describeCron(expr, timezone, count) },
    access: app.access,
    advanced: {
      items: {
        save: (raw, options) => app.userItems.save(raw, options),
        origin: (name) => app.catalog.origin(name),
      },
      groups: app.groups,
      workflows: app.workflows,
    },
    notifyPreview: (item, status, values, server) => {
      const sample = server ? { server: { name: server, hostname: server } } : {};
      const message = previewNotification(item, status, values, {
        timezone: app.config.timezone,
        ...sample,
      });
      return {
        title: message.title,
        body: message.body,
        tags: message.tags,
        priority: message.priority,
      };
    },
    compatibility: (item, server) =>
      checkCompatibility(item, {
        name: server.name,
        capabilities: server.capabilities,
        distro: server.distro,
      }),
    suggest: (word, candidates) => closestNames(word, candidates, 3),
    channels,
    timezone: app.config.timezone,
    commandName,
    commandNames: {
      slack: app.config.slack.command.replace(/^\//, ''),
      discord: app.config.discord.command,
    },
    logger: app.logger.child({ component: 'conversation' }),
  };
}
