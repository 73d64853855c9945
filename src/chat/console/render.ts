/** A Screen as terminal text: numbered choices and buttons, fields on a line, output indented. */
import type { Button, Choice, Screen } from '../../conversation/screen.js';

export interface Numbered {
  /** What each number the user may type stands for. */
  picks: Map<number, { kind: 'choice'; choice: Choice } | { kind: 'button'; button: Button }>;
  /** The select the numbered choices belong to. */
  select?: { action: string; value: string };
}

export interface RenderOptions {
  /** Leave out code sections: the output was streamed live already. */
  skipCode?: boolean;
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((line) => `  │ ${line}`)
    .join('\n');
}

function about(description: string | undefined): string {
  return description ? ` — ${description}` : '';
}

export function renderScreen(
  screen: Screen,
  options: RenderOptions = {},
): { text: string; numbered: Numbered } {
  const lines: string[] = [];
  const picks: Numbered['picks'] = new Map();
  lines.push(`── ${screen.emoji ? `${screen.emoji} ` : ''}${screen.title} ──`);
  if (screen.fields.length > 0)
    lines.push(screen.fields.map((f) => `${f.label}: ${f.value}`).join(' · '));
  for (const section of screen.sections) {
    if (section.code && options.skipCode) continue;
    lines.push(section.code ? indent(section.text) : section.text);
  }
  let n = 1;
  if (screen.choices && screen.choices.choices.length > 0) {
    lines.push(`${screen.choices.placeholder}:`);
    for (const choice of screen.choices.choices) {
      const mark = choice.disabled ? ' (not available)' : '';
      lines.push(`  ${String(n).padStart(2)}) ${choice.label}${about(choice.description)}${mark}`);
      if (!choice.disabled) picks.set(n, { kind: 'choice', choice });
      n++;
    }
  }
  if (screen.buttons.length > 0) {
    const words = screen.buttons.map((button) => {
      picks.set(n, { kind: 'button', button });
      return `[${n++}] ${button.label}`;
    });
    lines.push(words.join('  '));
  }
  if (screen.attachment)
    lines.push(
      `(full output: ${screen.attachment.content.length} characters; ` +
        'see the Show full output action)',
    );
  if (screen.footer) lines.push(screen.footer);
  const select = screen.choices
    ? { action: screen.choices.action, value: screen.choices.value }
    : undefined;
  return { text: lines.join('\n'), numbered: { picks, select } };
}
