/** `/jobs run ITEM [SERVER] [name=value …]` and the result buttons that start runs again. */

import { withoutSecrets } from '../../jobs/definitions.js';
import { json } from '../../store/db.js';
import type { Run } from '../../store/tables.js';
import { guardItem, guardPermission, mayUseServer, refuse } from '../guard.js';
import { runOrConfirm } from '../start-run.js';
import type { Turn } from '../turn.js';
import { secretNames } from '../wizard/form-fields.js';
import type { Step, WizardSessions } from '../wizard/sessions.js';
import { configureStep } from '../wizard/steps.js';
import type { Wizard } from '../wizard/wizard.js';
import { closest, problem, usageLine } from './answers.js';

export interface QuickParts {
  sessions: WizardSessions;
  wizard: Wizard;
}

export async function quickRun(turn: Turn, parts: QuickParts, words: string[]): Promise<void> {
  const [name, ...rest] = words;
  if (!name) {
    const state = await parts.sessions.create(
      turn.actor,
      turn.interaction.actor.platform,
      turn.interaction.place.channelId,
      { quick: { trigger: 'manual' } },
    );
    return parts.wizard.go(turn, state, 'select');
  }
  const item = turn.deps.catalog.get(name);
  if (!item) {
    const names = turn.deps.catalog.items().map((i) => i.name);
    await turn.show(
      problem(
        `Unknown job "${name}"`,
        [closest(turn, name, names), usageLine(turn, 'run')].filter(Boolean).join(' '),
        `Browse with \`/${turn.deps.commandName} list\`.`,
      ),
    );
    return;
  }
  if (!(await guardItem(turn, item))) return;
  const values: Record<string, string> = {};
  const positional: string[] = [];
  for (const word of rest) {
    const at = word.indexOf('=');
    if (at > 0) values[word.slice(0, at)] = word.slice(at + 1);
    else positional.push(word);
  }
  if (positional.length > 1) {
    await turn.show(
      problem(
        'Too many words',
        `I read "${positional.join('", "')}" as servers; give one server, then name=value pairs.`,
        usageLine(turn, 'run'),
      ),
    );
    return;
  }
  const servers = await turn.deps.servers.list();
  const serverName = positional[0];
  if (serverName) {
    const server = servers.find((s) => s.name === serverName);
    if (!server) {
      const text = [
        closest(
          turn,
          serverName,
          servers.map((s) => s.name),
        ),
        `Servers: ${servers.map((s) => s.name).join(', ')}.`,
      ]
        .filter(Boolean)
        .join(' ');
      await turn.show(problem(`Unknown server "${serverName}"`, text, usageLine(turn, 'run')));
      return;
    }
    const fit = turn.deps.compatibility(item, server);
    if (!fit.ok) {
      const good = servers.filter((s) => turn.deps.compatibility(item, s).ok).map((s) => s.name);
      await turn.show(
        problem(
          `${item.display_name} cannot run on ${serverName}`,
          `${fit.message}.`,
          good.length > 0 ? `Pick one of: ${good.join(', ')}.` : 'No configured server can run it.',
        ),
      );
      return;
    }
    const allowed = mayUseServer(turn, server);
    if (!allowed.ok) {
      const facts = { action: 'run' as const, item, servers: [serverName] };
      return refuse(turn, `You may not use the server ${serverName}`, allowed, facts);
    }
  }
  const state = await parts.sessions.create(
    turn.actor,
    turn.interaction.actor.platform,
    turn.interaction.place.channelId,
    {
      itemName: item.name,
      values,
      servers: serverName ? [serverName] : undefined,
      quick: { trigger: 'manual' },
    },
  );
  const checked = turn.deps.params.validate(item, values);
  if (!checked.ok) {
    await turn.show(configureStep(item, state, values, checked.errors));
    return;
  }
  await parts.wizard.afterParams(turn, state, item);
}

/** Run again, Run with changes, Schedule this: the run's item, server and parameters. */
export async function fromRun(
  turn: Turn,
  parts: QuickParts,
  run: Run,
  mode: 'again' | 'edit' | 'schedule',
): Promise<void> {
  const item = turn.deps.catalog.get(run.item_name);
  if (!item) {
    await turn.show(
      problem(
        `${run.item_name} is no longer in the catalog`,
        'It was removed or disabled, so it cannot run again.',
      ),
    );
    return;
  }
  if (!(await guardItem(turn, item))) return;
  const facts = { action: 'schedule.create' as const, item, servers: [run.server_name] };
  if (
    mode === 'schedule' &&
    !(await guardPermission(turn, 'schedule', 'You may not create schedules', facts))
  )
    return;
  const values = withoutSecrets(item, json.decode<Record<string, unknown>>(run.parameters, {}));
  const secrets = secretNames(item);
  if (mode === 'schedule' && secrets.length > 0) {
    await turn.show(
      problem(
        'This job cannot be scheduled',
        `It takes a secret (${secrets.join(', ')}), which jobdeck never stores, ` +
          'so it must be typed in at each run.',
      ),
    );
    return;
  }
  const data = { itemName: item.name, values, servers: [run.server_name] };
  const { platform } = turn.interaction.actor;
  const channel = turn.interaction.place.channelId;
  if (mode === 'again' && secrets.length === 0) {
    const checked = turn.deps.params.validate(item, values);
    if (checked.ok) {
      const plan = {
        item,
        servers: [run.server_name],
        values: checked.values,
        trigger: 'run-again' as const,
        parentRunId: run.id,
      };
      await runOrConfirm(turn, parts.sessions, plan);
      return;
    }
  }
  const quick =
    mode === 'again' ? { quick: { trigger: 'run-again' as const, parentRunId: run.id } } : {};
  const step: Step = mode === 'schedule' ? 'schedule' : 'configure';
  const state = await parts.sessions.create(
    turn.actor,
    platform,
    channel,
    { ...data, ...quick },
    step,
  );
  await parts.wizard.go(turn, state, step);
}
