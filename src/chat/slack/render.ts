/** A Screen as a Slack message: header, text, fields, a menu, buttons; a form becomes a button. */
import type { Button, Screen } from '../../conversation/screen.js';
import {
  type Block,
  buttonBlocks,
  choiceBlocks,
  contextBlock,
  fieldsBlock,
  headerBlock,
  sectionBlocks,
} from './blocks.js';
import { cut } from './text.js';

export interface SlackMessage {
  /** Shown in notifications and where blocks cannot be. */
  text: string;
  blocks: Block[];
}

const MAX_BLOCKS = 50;
const TEXT_MAX = 3000;

/** A form cannot live in a message: a button opens it in a modal instead. */
function formButton(screen: Screen): Button[] {
  const form = screen.form;
  if (!form || form.fields.length === 0) return [];
  const label = `✏️ ${form.title}`;
  return [{ label, action: form.action, value: form.value, style: 'primary' }];
}

export function messageText(screen: Screen): string {
  return cut(screen.emoji ? `${screen.emoji} ${screen.title}` : screen.title, TEXT_MAX);
}

export function renderMessage(screen: Screen): SlackMessage {
  const fields = fieldsBlock(screen.fields);
  const choices = screen.choices ? choiceBlocks(screen.choices) : [];
  const buttons = buttonBlocks([...formButton(screen), ...screen.buttons]);
  const footer = screen.footer ? [contextBlock(screen.footer)] : [];
  const fixed = 1 + (fields ? 1 : 0) + choices.length + buttons.length + footer.length;
  const blocks = [
    headerBlock(screen),
    ...sectionBlocks(screen.sections, MAX_BLOCKS - fixed),
    ...(fields ? [fields] : []),
    ...choices,
    ...buttons,
    ...footer,
  ];
  return { text: messageText(screen), blocks };
}
