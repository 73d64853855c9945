/**
 * Each Discord interaction to where it belongs: autocomplete, the adapter's own steps (confirm,
 * form pages), or the conversation; acting once per interaction id.
 */
import type { Action, Interaction } from '../../conversation/interaction.js';
import type { Responder } from '../../conversation/responder.js';
import type { Logger } from '../../log.js';
import { AfterAcks } from '../after-acks.js';
import { type AutocompleteSource, suggestions } from './autocomplete.js';
import { confirmDialog } from './confirm.js';
import { DENY_ID, type ParsedId, parseId } from './custom-id.js';
import { submittedValues } from './forms.js';
import { commandText, focusedOption, neutral, userOf } from './interaction.js';
import { answerable, malformed } from './malformed.js';
import { formValue, modalFor, pageValues, readSubmission } from './modal.js';
import { renderMessage, renderNote } from './render.js';
import { DEFER_WHEN_WAITING, InteractionReply, type ReplyOptions } from './reply.js';
import { DiscordResponder, type ResponderParts } from './responder.js';
import {
  CALLBACK,
  type DiscordRest,
  EPHEMERAL,
  INTERACTION,
  type RawInteraction,
} from './types.js';

const REMEMBERED_IDS = 10_000;
const UNREADABLE =
  'This interaction did not have the shape Discord gives it, so nothing was done. ' +
  "Try again; if it keeps happening, the details are in jobdeck's log.";
const UNKNOWN_BUTTON =
  'jobdeck does not know this button or form (it may be from an older version); nothing was ' +
  'done. Type the command again to start over.';

export interface ConversationLike {
  handle(interaction: Interaction, responder: Responder): Promise<void>;
}

export interface RouterDeps extends ResponderParts {
  rest: DiscordRest;
  conversation: ConversationLike;
  source: AutocompleteSource;
  logger: Logger;
  reply?: ReplyOptions;
}

/**
 * Whether an interaction can be deferred before it is read: commands, and buttons and selects
 * the conversation answers (not those that open a modal or a confirm dialog, which must be the
 * first answer).
 */
function deferrable(raw: RawInteraction): 'commands' | 'components' | undefined {
  if (raw.type === INTERACTION.command) return 'commands';
  if (raw.type !== INTERACTION.component) return undefined;
  const id = raw.data?.custom_id ?? '';
  const kind = id === DENY_ID ? undefined : parseId(id)?.kind;
  return kind !== undefined && kind !== 'form' && kind !== 'confirm' ? 'components' : undefined;
}

export class InteractionRouter {
  readonly #seen = new Set<string>();
  /** Interactions received and not answered yet. */
  #waiting = 0;
  readonly #later = new AfterAcks();

  constructor(private readonly deps: RouterDeps) {}

  /** Handles one INTERACTION_CREATE; answers when all its work (a run too) is done. */
  async handle(raw: RawInteraction): Promise<void> {
    const problem = malformed(raw);
    if (problem) return this.#unreadable(raw, problem);
    if (!this.#firstTime(raw.id)) {
      this.deps.logger.debug({ id: raw.id }, 'interaction delivered again; not acting twice');
      return;
    }
    if (raw.type === INTERACTION.autocomplete) return this.#autocomplete(raw);
    const reply = new InteractionReply(raw, this.deps.rest, this.deps.logger, this.deps.reply);
    const kind = deferrable(raw);
    const limits = this.deps.reply?.deferWhenWaiting ?? DEFER_WHEN_WAITING;
    const deferNow = kind !== undefined && this.#waiting >= limits[kind];
    const release = this.#wait();
    void reply.answered.then(release);
    if (!deferNow) reply.startTimer();
    try {
      // Deferred first, and worked on only once Discord has the deferral and in a later turn
      // of the event loop: the work of those already waiting must not hold back the deferrals
      // of those arriving.
      if (deferNow)
        await reply
          .serial(() => reply.defer())
          .catch((error) => this.deps.logger.warn({ err: error, id: raw.id }, 'could not defer'));
      await this.#later.run(() => this.#route(raw, reply));
    } catch (error) {
      this.deps.logger.error({ err: error, id: raw.id }, 'discord interaction failed');
    } finally {
      release();
      await reply.serial(() => reply.finish()).catch(() => undefined);
    }
  }

  /** Counts one more interaction waiting; the function counts it answered (once). */
  #wait(): () => void {
    this.#waiting += 1;
    let counted = true;
    return () => {
      if (counted) this.#waiting -= 1;
      counted = false;
    };
  }

  /** Says so when Discord would take an answer (else the user sees "interaction failed"). */
  async #unreadable(raw: RawInteraction, problem: string): Promise<void> {
    this.deps.logger.warn({ problem }, 'malformed interaction ignored');
    if (!answerable(raw) || !this.#firstTime(raw.id)) return;
    const reply = new InteractionReply(raw, this.deps.rest, this.deps.logger, this.deps.reply);
    await reply
      .callback(CALLBACK.message, renderNote('jobdeck could not read that', UNREADABLE, true))
      .catch((error) => this.deps.logger.warn({ err: error }, 'could not answer it'));
  }

  #firstTime(id: string): boolean {
    if (this.#seen.has(id)) return false;
    this.#seen.add(id);
    if (this.#seen.size > REMEMBERED_IDS) this.#seen.delete(this.#seen.values().next().value ?? '');
    return true;
  }

  async #autocomplete(raw: RawInteraction): Promise<void> {
    const focused = focusedOption(raw);
    const choices = await suggestions(this.deps.source, focused.name, focused.value).catch(
      () => [],
    );
    const reply = new InteractionReply(raw, this.deps.rest, this.deps.logger, this.deps.reply);
    await reply.callback(CALLBACK.autocomplete, { choices });
  }

  #converse(raw: RawInteraction, reply: InteractionReply, action: Action, openForms = false) {
    const responder = new DiscordResponder(reply, this.deps, openForms);
    return this.deps.conversation.handle(neutral(raw, action), responder);
  }

  async #route(raw: RawInteraction, reply: InteractionReply): Promise<void> {
    if (raw.type === INTERACTION.command) {
      return this.#converse(raw, reply, { kind: 'command', text: commandText(raw.data?.options) });
    }
    const id = raw.data?.custom_id ?? '';
    if (id === DENY_ID) {
      const note = renderNote('Nothing was done', 'You said no; nothing changed.', true);
      return void (await reply.serial(() => reply.callback(CALLBACK.update, note)));
    }
    const parsed = parseId(id);
    if (!parsed) {
      this.deps.logger.warn({ customId: id }, 'unknown Discord component ignored');
      const note = renderNote('Nothing to do', UNKNOWN_BUTTON, true);
      return void (await reply.serial(() => reply.callback(CALLBACK.message, note)));
    }
    if (raw.type === INTERACTION.modalSubmit) return this.#modalSubmit(raw, reply, parsed);
    if (raw.type === INTERACTION.component) return this.#component(raw, reply, parsed, id);
  }

  async #component(raw: RawInteraction, reply: InteractionReply, parsed: ParsedId, id: string) {
    const { action, value } = parsed;
    const values = raw.data?.values ?? [];
    const entry = this.deps.forms.get(userOf(raw).id, action, value);
    switch (parsed.kind) {
      case 'confirm': {
        const dialog = confirmDialog(parsed, id, this.deps.confirms, raw.message);
        return void (await reply.serial(() => reply.callback(CALLBACK.message, dialog)));
      }
      case 'form':
        if (!entry) return this.#converse(raw, reply, { kind: 'button', action, value }, true);
        return void (await reply.serial(() => reply.callback(CALLBACK.modal, modalFor(entry))));
      case 'accept':
        if (!entry) return this.#converse(raw, reply, { kind: 'button', action, value });
        this.deps.forms.close(entry);
        return this.#converse(raw, reply, {
          kind: 'submit',
          action,
          value,
          values: submittedValues(entry),
        });
      case 'pick': {
        const field = entry?.form.fields[0];
        if (!entry || !field)
          return this.#converse(raw, reply, { kind: 'select', action, value, values });
        this.deps.forms.close(entry);
        const picked = { ...submittedValues(entry), [field.name]: formValue(field, values) };
        return this.#converse(raw, reply, { kind: 'submit', action, value, values: picked });
      }
      default:
        if (raw.data?.component_type === 2)
          return this.#converse(raw, reply, { kind: 'button', action, value });
        return this.#converse(raw, reply, { kind: 'select', action, value, values });
    }
  }

  /** A page of a form came back: keep it and ask for the next page, or submit the whole form. */
  async #modalSubmit(raw: RawInteraction, reply: InteractionReply, parsed: ParsedId) {
    const { action, value } = parsed;
    const submitted = readSubmission(raw.data?.components);
    const entry = this.deps.forms.get(userOf(raw).id, action, value);
    if (!entry) {
      const values = Object.fromEntries(
        [...submitted].map(([k, v]) => [k, Array.isArray(v) && v.length === 1 ? (v[0] ?? '') : v]),
      );
      return this.#converse(raw, reply, { kind: 'submit', action, value, values });
    }
    const page = entry.todo.shift() ?? 0;
    Object.assign(entry.typed, pageValues(entry.pages[page] ?? [], submitted));
    if (entry.todo.length === 0) {
      this.deps.forms.close(entry);
      return this.#converse(raw, reply, {
        kind: 'submit',
        action,
        value,
        values: submittedValues(entry),
      });
    }
    const progress = { done: entry.planned - entry.todo.length, pages: entry.planned };
    const body = renderMessage(entry.screen, { progress });
    await reply.serial(() =>
      raw.message
        ? reply.callback(CALLBACK.update, body)
        : reply.callback(CALLBACK.message, { ...body, flags: EPHEMERAL }),
    );
  }
}
