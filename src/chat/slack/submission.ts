/** A view_submission's one acknowledgement: field errors, the next view, or closing the modal. */
import type { Form, Screen } from '../../conversation/screen.js';
import type { SlackApi } from './client.js';
import { errorsOf } from './form.js';
import type { ModalState } from './ids.js';
import type { Origin } from './interaction.js';
import type { View } from './modal.js';

type Ack = (payload: Record<string, unknown>) => Promise<void>;

function sameForm(form: Form, state: ModalState): boolean {
  return form.action === state.action && form.value === state.value;
}

export class SubmissionAnswer {
  readonly #api: SlackApi;
  readonly #origin: Origin;
  #ack: Ack | undefined;

  constructor(api: SlackApi, origin: Origin, ack: Ack) {
    this.#api = api;
    this.#origin = origin;
    this.#ack = ack;
  }

  #take(): Ack | undefined {
    const ack = this.#ack;
    this.#ack = undefined;
    return ack;
  }

  /**
   * Answers with the next view, or with field errors when `screen` shows the submitted form
   * again with errors; a pushed view closes and the one below it shows the answer. Resolves
   * with the id of the view now showing, or undefined when the submission was answered before.
   */
  async answer(view: View, screen?: Screen): Promise<string | undefined> {
    const submitted = this.#origin.view;
    const ack = submitted ? this.#take() : undefined;
    if (!ack || !submitted) return undefined;
    const form = screen?.form;
    const errors = form && sameForm(form, submitted.state) ? errorsOf(form) : undefined;
    if (errors) {
      await ack({ response_action: 'errors', errors });
      return submitted.id;
    }
    if (submitted.previous) {
      await ack({});
      await this.#api.updateView(submitted.previous, view);
      return submitted.previous;
    }
    await ack({ response_action: 'update', view });
    return submitted.id;
  }

  /** Closes the modal when the submission is still unanswered (`all`: every stacked view). */
  async close(all: boolean): Promise<boolean> {
    const ack = this.#take();
    if (!ack) return false;
    await ack(all ? { response_action: 'clear' } : {});
    return true;
  }
}
