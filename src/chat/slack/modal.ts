/** A Screen as a modal view: short title, the screen's title in a header, inputs for its form. */
import type { Screen } from '../../conversation/screen.js';
import {
  type Block,
  buttonBlocks,
  choiceBlocks,
  contextBlock,
  fieldsBlock,
  headerBlock,
  sectionBlocks,
} from './blocks.js';
import { type FormFit, inputBlocks, noteCount } from './form.js';
import { type ModalState, writeModalState } from './ids.js';
import { cut, plain } from './text.js';

export type View = Record<string, unknown>;

export const MODAL_CALLBACK = 'jobdeck';
const MAX_BLOCKS = 100;
/** Slack refuses views over 250 kB; stay below with room for Slack's own fields. */
const MAX_BYTES = 240_000;
const TITLE_MAX = 24;

const FITS: FormFit[] = [
  { maxOptions: 100, noteMax: 2000, notesAsBlocks: true },
  { maxOptions: 50, noteMax: 600, notesAsBlocks: true },
  { maxOptions: 25, noteMax: 200, notesAsBlocks: true },
  { maxOptions: 10, noteMax: 100, notesAsBlocks: true },
];

/** `New job · Step 2 of 5: …` becomes `New job (2/5)`; other titles are used when short. */
export function modalTitle(title: string): string {
  const step = /^New job · Step (\d) of (\d)/.exec(title);
  if (step) return `New job (${step[1]}/${step[2]})`;
  return title.length <= TITLE_MAX ? title : 'jobdeck';
}

function blocksOf(screen: Screen, fit: FormFit): Block[] {
  const fields = fieldsBlock(screen.fields);
  const choices = screen.choices ? choiceBlocks(screen.choices) : [];
  const buttons = buttonBlocks(screen.buttons);
  const footer = screen.footer ? [contextBlock(screen.footer)] : [];
  const inputs = screen.form?.fields.length ?? 0;
  const fixed = 1 + (fields ? 1 : 0) + choices.length + buttons.length + footer.length + inputs;
  const notes = screen.form ? noteCount(screen.form, fit) : 0;
  const notesAsBlocks = fit.notesAsBlocks && fixed + notes + 3 <= MAX_BLOCKS;
  const form = screen.form ? inputBlocks(screen.form, { ...fit, notesAsBlocks }) : [];
  const sections = sectionBlocks(screen.sections, MAX_BLOCKS - fixed - (notesAsBlocks ? notes : 0));
  return [
    headerBlock(screen),
    ...sections,
    ...(fields ? [fields] : []),
    ...choices,
    ...form,
    ...buttons,
    ...footer,
  ];
}

function viewOf(screen: Screen, state: ModalState, fit: FormFit): View {
  const form = screen.form;
  const hasInputs = (form?.fields.length ?? 0) > 0;
  return {
    type: 'modal',
    callback_id: MODAL_CALLBACK,
    title: plain(modalTitle(screen.title), TITLE_MAX),
    ...(hasInputs && form ? { submit: plain(cut(form.submitLabel, TITLE_MAX), TITLE_MAX) } : {}),
    close: plain(hasInputs ? 'Cancel' : 'Close', TITLE_MAX),
    private_metadata: writeModalState({
      ...state,
      action: hasInputs ? form?.action : undefined,
      value: hasInputs ? form?.value : undefined,
    }),
    blocks: blocksOf(screen, fit),
  };
}

/** The view for a screen; squeezed (fewer options, shorter notes) until Slack would take it. */
export function renderModal(screen: Screen, state: ModalState): View {
  let view: View = {};
  for (const fit of FITS) {
    view = viewOf(screen, state, fit);
    if (Buffer.byteLength(JSON.stringify(view)) <= MAX_BYTES) return view;
  }
  return view;
}

function noticeView(state: ModalState, text: string): View {
  return {
    type: 'modal',
    callback_id: MODAL_CALLBACK,
    title: plain('jobdeck', TITLE_MAX),
    close: plain('Close', TITLE_MAX),
    private_metadata: writeModalState(state),
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
}

/** Shown while a slow answer is worked out, so the submission is acknowledged in time. */
export function workingView(state: ModalState): View {
  return noticeView(state, '⏳ Working on it…');
}

/** Left in a modal whose answer went to the channel. */
export function doneView(state: ModalState): View {
  const where = state.channel ? `<#${state.channel}>` : 'the channel';
  return noticeView(
    state,
    `✅ Done: the answer is in ${where}${state.thread ? ', in the thread' : ''}.`,
  );
}
