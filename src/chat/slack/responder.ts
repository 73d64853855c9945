/** Shows Screens in Slack: the wizard in a modal, results in threads, private answers ephemeral. */
import type { Responder, ShownRef } from '../../conversation/responder.js';
import type { Screen } from '../../conversation/screen.js';
import { messageOf } from '../../errors.js';
import type { Logger } from '../../log.js';
import type { SlackApi } from './client.js';
import type { ModalState } from './ids.js';
import type { Origin } from './interaction.js';
import { Messages, shownRef } from './messages.js';
import { doneView, renderModal, type View, workingView } from './modal.js';
import { SubmissionAnswer } from './submission.js';

export interface ResponderOptions {
  api: SlackApi;
  origin: Origin;
  logger: Logger;
  /** A view_submission's acknowledgement, sent once (response_action …). */
  ack?: (payload: Record<string, unknown>) => Promise<void>;
}

const WIZARD = 'New job ·';

/** The wizard's steps, and any form, live in a modal. */
function isWizard(screen: Screen): boolean {
  return screen.title.startsWith(WIZARD) || (screen.form?.fields.length ?? 0) > 0;
}

export class SlackResponder implements Responder {
  readonly #api: SlackApi;
  readonly #origin: Origin;
  readonly #logger: Logger;
  readonly #messages: Messages;
  readonly #submission: SubmissionAnswer | undefined;
  #shown: Promise<unknown> = Promise.resolve();
  #viewId: string | undefined;
  #modalClosed = false;

  constructor(options: ResponderOptions) {
    this.#api = options.api;
    this.#origin = options.origin;
    this.#logger = options.logger;
    this.#messages = new Messages(options.api, options.origin, options.logger);
    if (options.ack)
      this.#submission = new SubmissionAnswer(options.api, options.origin, options.ack);
  }

  /** One screen at a time, so a modal opened by one is updated, not opened again, by the next. */
  show(screen: Screen): Promise<ShownRef | undefined> {
    return this.#queue(() => this.#show(screen));
  }

  async update(shown: ShownRef, screen: Screen): Promise<void> {
    if (!shown.id.startsWith('view:')) return this.#messages.update(shown, screen);
    await this.#api.updateView(shown.id.slice('view:'.length), this.#view(screen));
  }

  /** Acknowledges a submission still waiting with a "working" view; later screens replace it. */
  ackWorking(): Promise<void> {
    return this.#queue(async () => {
      const id = await this.#submission?.answer(workingView(this.#modalState()));
      if (id) this.#viewId = id;
    });
  }

  /** Acknowledges a submission nothing answered: Slack then closes the modal. */
  async ackNothing(): Promise<void> {
    await this.#submission?.close(false);
  }

  #queue<T>(task: () => Promise<T>): Promise<T> {
    const next = this.#shown.then(task);
    this.#shown = next.catch(() => undefined);
    return next;
  }

  async #show(screen: Screen): Promise<ShownRef | undefined> {
    if (isWizard(screen) || (this.#origin.view && screen.visibility === 'user')) {
      const shown = this.#modalClosed ? undefined : await this.#showModal(screen);
      return shown ?? this.#messages.ephemeral(screen, false);
    }
    await this.#leaveModal();
    if (screen.visibility === 'user') return this.#messages.ephemeral(screen, false);
    return this.#messages.channel(screen);
  }

  /** An answer for the channel ends the modal: closed by the ack, or left saying where to look. */
  async #leaveModal(): Promise<void> {
    const viewId = this.#viewId ?? this.#origin.view?.id;
    if (this.#modalClosed || !viewId) return;
    this.#modalClosed = true;
    if (await this.#submission?.close(true)) return;
    await this.#api.updateView(viewId, doneView(this.#modalState())).catch((error) => {
      this.#logger.info({ err: messageOf(error) }, 'could not update the modal');
    });
  }

  /** Results of a modal go where it was opened: the channel, and the thread it came from. */
  #modalState(): ModalState {
    const { message, thread, channel } = this.#origin;
    return { channel, thread: message ? (message.thread ?? message.ts) : thread };
  }

  #view(screen: Screen): View {
    return renderModal(screen, this.#modalState());
  }

  async #showModal(screen: Screen): Promise<ShownRef | undefined> {
    const view = this.#view(screen);
    const answered = await this.#submission?.answer(view, screen);
    if (answered) this.#viewId = answered;
    else if (this.#viewId) await this.#api.updateView(this.#viewId, view);
    else this.#viewId = await this.#placeView(screen, view);
    return this.#viewId ? shownRef(`view:${this.#viewId}`) : undefined;
  }

  /**
   * In a modal, a form a button asks for (search) is pushed over the wizard; anything else
   * replaces the view. Elsewhere the interaction's trigger opens a modal.
   */
  async #placeView(screen: Screen, view: View): Promise<string | undefined> {
    const { view: from, triggerId } = this.#origin;
    const subDialog = !screen.title.startsWith(WIZARD) && screen.form !== undefined;
    if (from && !(subDialog && !from.previous && triggerId)) {
      await this.#api.updateView(from.id, view);
      return from.id;
    }
    if (!triggerId) return undefined;
    this.#origin.triggerId = undefined;
    try {
      return from
        ? await this.#api.pushView(triggerId, view)
        : await this.#api.openView(triggerId, view);
    } catch (error) {
      this.#logger.info({ err: messageOf(error) }, 'could not open the modal; answering in chat');
      return undefined;
    }
  }
}
