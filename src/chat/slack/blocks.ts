/** The Block Kit pieces every surface shares: header, text, fields, a menu, buttons, a footer. */
import type { Button, ChoiceList, Screen, Section } from '../../conversation/screen.js';
import { actionId, optionValue } from './ids.js';
import { codeBlock, cut, md, mrkdwn, plain } from './text.js';

export type Block = Record<string, unknown>;

export const SLACK = {
  section: 3000,
  field: 2000,
  header: 150,
  actions: 25,
  options: 100,
  option: 75,
  placeholder: 150,
  button: 75,
  context: 2000,
} as const;

/** The title as a header block, with its emoji. */
export function headerBlock(screen: Screen): Block {
  const title = screen.emoji ? `${screen.emoji} ${screen.title}` : screen.title;
  return { type: 'header', text: plain(title, SLACK.header) };
}

/** Plain sections merged into as few blocks as fit, code sections each in a block. */
function sectionTexts(sections: Section[]): string[] {
  const texts: string[] = [];
  let open: string | undefined;
  for (const section of sections) {
    if (section.code) {
      if (open !== undefined) texts.push(open);
      open = undefined;
      texts.push(codeBlock(section.text, SLACK.section));
      continue;
    }
    const text = mrkdwn(section.text || ' ', SLACK.section);
    if (open !== undefined && open.length + 1 + text.length <= SLACK.section) open += `\n${text}`;
    else {
      if (open !== undefined) texts.push(open);
      open = text;
    }
  }
  if (open !== undefined) texts.push(open);
  return texts;
}

/** Section blocks, at most `budget`; what does not fit is counted in the last one. */
export function sectionBlocks(sections: Section[], budget: number): Block[] {
  const texts = sectionTexts(sections);
  if (texts.length > budget && budget > 0) {
    const dropped = texts.length - budget + 1;
    texts.splice(budget - 1, dropped, `_(${dropped} more not shown)_`);
  }
  return texts
    .slice(0, Math.max(0, budget))
    .map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
}

export function fieldsBlock(fields: Screen['fields']): Block | undefined {
  if (fields.length === 0) return undefined;
  return {
    type: 'section',
    fields: fields.slice(0, 10).map((f) => {
      const label = `*${mrkdwn(f.label, 200)}*\n`;
      return { type: 'mrkdwn', text: label + mrkdwn(f.value || '-', SLACK.field - label.length) };
    }),
  };
}

function confirmOf(button: Button): Block | undefined {
  const c = button.confirm;
  if (!c) return undefined;
  return {
    title: plain(c.title, 100),
    text: plain(c.text, 300),
    confirm: plain(c.confirm, 30),
    deny: plain(c.deny, 30),
    ...(button.style === 'danger' ? { style: 'danger' } : {}),
  };
}

export function buttonElement(button: Button, index: number): Block {
  const confirm = confirmOf(button);
  return {
    type: 'button',
    action_id: actionId(button.action, button.value, index),
    text: plain(button.label, SLACK.button),
    value: cut(button.value, 2000),
    ...(button.style ? { style: button.style } : {}),
    ...(confirm ? { confirm } : {}),
  };
}

/** Buttons in actions blocks of at most 25 elements. */
export function buttonBlocks(buttons: Button[]): Block[] {
  const blocks: Block[] = [];
  for (let at = 0; at < buttons.length; at += SLACK.actions) {
    const elements = buttons
      .slice(at, at + SLACK.actions)
      .map((button, i) => buttonElement(button, at + i));
    blocks.push({ type: 'actions', elements });
  }
  return blocks;
}

export function optionOf(value: string, label: string, description?: string): Block {
  return {
    text: plain(label, SLACK.option),
    value: optionValue(value),
    ...(description ? { description: plain(description, SLACK.option) } : {}),
  };
}

/** A menu that answers as soon as something is picked; unavailable choices listed below it. */
export function choiceBlocks(list: ChoiceList): Block[] {
  const usable = list.choices.filter((c) => !c.disabled).slice(0, SLACK.options);
  const unusable = list.choices.filter((c) => c.disabled);
  const blocks: Block[] = [];
  if (usable.length > 0) {
    const options = usable.map((c) => optionOf(c.value, c.label, c.description));
    const chosen = new Set((list.selected ?? []).map(optionValue));
    const initial = options.filter((o) => chosen.has(String(o.value)));
    const element: Block = {
      type: list.multi ? 'multi_static_select' : 'static_select',
      action_id: actionId(list.action, list.value, 'menu'),
      placeholder: plain(list.placeholder || 'Choose', SLACK.placeholder),
      options,
    };
    if (list.multi && initial.length > 0) element.initial_options = initial;
    if (!list.multi && initial[0]) element.initial_option = initial[0];
    blocks.push({ type: 'actions', elements: [element] });
  }
  if (unusable.length > 0) {
    const lines = unusable.map((c) => `${c.label}${c.description ? `: ${c.description}` : ''}`);
    blocks.push(contextBlock(`Not available: ${lines.join('; ')}`));
  }
  return blocks;
}

export function contextBlock(text: string, max: number = SLACK.context): Block {
  return { type: 'context', elements: [md(text, max)] };
}
