/** The conversation's entry point: one Interaction in, Screens out through the Responder. */
import { isJobdeckError, messageOf } from '../errors.js';
import { readMode } from './advanced/mode.js';
import {
  ADVANCED_COMMANDS,
  advancedAction,
  advancedCommand,
  isAdvancedAction,
} from './advanced/router.js';
import { decideApproval, expireApprovals } from './approval-decide.js';
import { ClickGuard } from './click-guard.js';
import { dedupeKey, firstDelivery, sweepDeliveries } from './dedupe.js';
import { admit, guardItem, guardRun } from './guard.js';
import { helpScreen, notice, problem, unknownCommand, usageLine } from './handlers/answers.js';
import { catalogList, itemScreen, toggleFavourite } from './handlers/catalog.js';
import { togglePin } from './handlers/pin.js';
import { fromRun, quickRun } from './handlers/quick.js';
import {
  cancelRun,
  favouritesScreen,
  findRun,
  fullOutputScreen,
  historyScreen,
  noSuchRun,
  statusScreen,
} from './handlers/runs.js';
import { scheduleAction, scheduleScreen, schedulesScreen } from './handlers/schedules.js';
import { probeScreen, serversScreen } from './handlers/servers.js';
import { type Action, actorKey, type Interaction } from './interaction.js';
import { answerMalformed, checkInteraction } from './interaction-check.js';
import type { ConversationDeps } from './ports.js';
import type { Responder } from './responder.js';
import { startRuns } from './start-run.js';
import { createTurn, type Turn } from './turn.js';
import { wizardAction } from './wizard/actions.js';
import { WizardSessions } from './wizard/sessions.js';
import { vault } from './wizard/vault.js';
import { Wizard } from './wizard/wizard.js';
import { splitWords } from './words.js';

export class Conversation {
  readonly #deps: ConversationDeps;
  readonly #sessions: WizardSessions;
  readonly #wizard: Wizard;
  readonly #clicks = new ClickGuard();

  constructor(deps: ConversationDeps) {
    this.#deps = deps;
    this.#sessions = new WizardSessions(deps.db, deps.now);
    this.#wizard = new Wizard(this.#sessions);
  }

  /** Answers one interaction; the same interaction id twice acts once. */
  async handle(interaction: Interaction, responder: Responder): Promise<void> {
    const checked = checkInteraction(interaction);
    if (!checked.ok) return answerMalformed(this.#deps, checked, responder);
    const mode = await readMode(this.#deps.db, actorKey(interaction.actor));
    const turn = createTurn(interaction, responder, this.#deps, mode);
    if (!(await firstDelivery(this.#deps.db, dedupeKey(interaction), turn.now()))) {
      this.#deps.logger.debug({ id: interaction.id }, 'interaction seen before; not acting twice');
      return;
    }
    try {
      if (await admit(turn)) await this.#route(turn, interaction.action);
    } catch (error) {
      this.#deps.logger[isJobdeckError(error) ? 'info' : 'error'](
        { err: error, action: interaction.action.kind },
        'interaction failed',
      );
      const hint = isJobdeckError(error)
        ? undefined
        : 'This is a jobdeck bug; the details are in its log.';
      await turn.show(problem('That did not work', messageOf(error), hint)).catch(() => undefined);
    }
  }

  /** Housekeeping: expired wizards and old delivery ids. */
  async sweep(): Promise<void> {
    const now = (this.#deps.now ?? Date.now)();
    await expireApprovals(this.#deps, now);
    await this.#sessions.sweep();
    await sweepDeliveries(this.#deps.db, now);
  }

  async #route(turn: Turn, action: Action): Promise<void> {
    if (action.kind === 'command') return this.#command(turn, action.text);
    if (isAdvancedAction(action.action)) return advancedAction(turn, action);
    if (action.action.startsWith('w.'))
      return wizardAction(turn, this.#wizard, this.#sessions, action);
    const value = action.kind === 'select' ? (action.values[0] ?? '') : action.value;
    return this.#button(turn, action.action, value);
  }

  async #command(turn: Turn, text: string): Promise<void> {
    const split = splitWords(text);
    if (!split.ok)
      return void (await turn.show(
        problem(
          'Could not read that',
          `In "${text}": ${split.error}.`,
          'Close the quote and try again.',
        ),
      ));
    const [sub = 'new', ...args] = split.words;
    const rest = args.join(' ');
    switch (sub) {
      case 'new':
        return wizardAction(turn, this.#wizard, this.#sessions, {
          kind: 'button',
          action: 'w.new',
          value: '',
        });
      case 'run':
        return quickRun(turn, this.#parts(), args);
      case 'list':
        return void (await turn.show(catalogList(turn, rest)));
      case 'favorites':
      case 'favourites':
        return void (await turn.show(await favouritesScreen(turn)));
      case 'schedules':
        return void (await turn.show(await schedulesScreen(turn)));
      case 'history':
        return void (await turn.show(await historyScreen(turn, rest)));
      case 'status':
      case 'cancel': {
        const run = await findRun(turn, args[0] ?? '');
        if (!run) return void (await turn.show(noSuchRun(turn, args[0] ?? '')));
        return void (await turn.show(
          sub === 'status' ? await statusScreen(turn, run) : await cancelRun(turn, run),
        ));
      }
      case 'servers':
        if (args[0] === 'probe') {
          if (!args[1])
            return void (await turn.show(problem('Which server?', usageLine(turn, 'servers'))));
          return void (await turn.show(await probeScreen(turn, args[1])));
        }
        return void (await turn.show(await serversScreen(turn)));
      case 'help':
        return void (await turn.show(helpScreen(turn)));
      default:
        if (ADVANCED_COMMANDS.has(sub)) return advancedCommand(turn, sub, args);
        return void (await turn.show(unknownCommand(turn, sub)));
    }
  }

  async #button(turn: Turn, action: string, value: string): Promise<void> {
    const [area, verb = ''] = action.split('.');
    if (area === 'run') return this.#runButton(turn, verb, value);
    if (area === 'appr') return decideApproval(turn, value, verb === 'yes');
    if (area === 'sched') {
      if (verb === 'list') return void (await turn.show(await schedulesScreen(turn)));
      if (verb === 'open') {
        const found = (await turn.deps.scheduler.list()).find((s) => String(s.id) === value);
        return void (await turn.show(
          found ? scheduleScreen(found) : notice('Schedule not found', `No schedule #${value}.`),
        ));
      }
      return void (await turn.show(await scheduleAction(turn, verb, value)));
    }
    if (area === 'item' || area === 'fav') return this.#itemButton(turn, verb, value);
    if (area === 'list') {
      const at = value.indexOf(':');
      return void (await turn.show(
        catalogList(turn, value.slice(at + 1), Number(value.slice(0, at)) || 0),
      ));
    }
    if (area === 'srv') return void (await turn.show(await probeScreen(turn, value)));
    this.#deps.logger.warn({ action }, 'unknown action ignored');
    await turn.show(
      problem(
        'Unknown action',
        'This button is not known to this jobdeck; it may be from an older version.',
        `Start again with \`/${turn.deps.commandName}\`.`,
      ),
    );
  }

  async #itemButton(turn: Turn, verb: string, value: string): Promise<void> {
    if (verb === 'list') return void (await turn.show(await favouritesScreen(turn)));
    const item = turn.deps.catalog.get(value);
    if (!item)
      return void (await turn.show(
        problem(`Unknown job "${value}"`, 'It may have been removed from the catalog.'),
      ));
    if (!(await guardItem(turn, item))) return;
    if (verb === 'pin') return togglePin(turn, item);
    if (verb === 'toggle') {
      const starred = await toggleFavourite(turn, item.name);
      return void (await turn.show(
        notice(
          starred ? `⭐ Starred ${item.display_name}` : `Unstarred ${item.display_name}`,
          `See \`/${turn.deps.commandName} favorites\`.`,
        ),
      ));
    }
    await turn.show(await itemScreen(turn, item));
  }

  async #runButton(turn: Turn, verb: string, value: string): Promise<void> {
    if (verb === 'confirm') return this.#confirmed(turn, value);
    const run = await findRun(turn, value);
    if (!run) return void (await turn.show(noSuchRun(turn, value)));
    if (verb === 'again' && this.#clicks.repeated(`${turn.actor}|again:${run.id}`, turn.now()))
      return;
    if (verb === 'again' || verb === 'edit' || verb === 'schedule')
      return fromRun(turn, this.#parts(), run, verb);
    if (verb === 'cancel') return void (await turn.show(await cancelRun(turn, run)));
    if (verb === 'output') return void (await turn.show(await fullOutputScreen(turn, run)));
    await turn.show(await statusScreen(turn, run));
  }

  async #confirmed(turn: Turn, id: string): Promise<void> {
    const loaded = await this.#sessions.load(id, turn.actor);
    const pending = loaded.ok ? loaded.state.data.pending : undefined;
    if (!loaded.ok || !pending)
      return void (await turn.show(
        problem(
          'Nothing to confirm',
          loaded.ok || loaded.reason !== 'not_owner'
            ? 'This request expired or was already answered.'
            : 'Only the person who asked can confirm.',
        ),
      ));
    const secretValues = vault.get(id);
    vault.drop(id);
    await this.#sessions.end(id);
    const item = turn.deps.catalog.get(pending.item);
    if (!item)
      return void (await turn.show(
        problem(`Unknown job "${pending.item}"`, 'It left the catalog.'),
      ));
    const checked = turn.deps.params.validate(item, { ...pending.values, ...secretValues });
    if (!checked.ok)
      return void (await turn.show(
        problem('Parameters no longer valid', Object.values(checked.errors).join('\n')),
      ));
    const plan = {
      item,
      servers: pending.servers,
      values: checked.values,
      trigger: pending.trigger,
      parentRunId: pending.parentRunId,
      definitionId: pending.definitionId,
    };
    if (await guardRun(turn, plan)) await startRuns(turn, plan);
  }

  #parts() {
    return { sessions: this.#sessions, wizard: this.#wizard };
  }
}
