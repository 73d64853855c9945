/** Short answers every handler uses: errors with what to do next, notices, help. */
import { commandTree, helpLines, usageOf } from '../commands.js';
import { type Screen, screen } from '../screen.js';
import type { Turn } from '../turn.js';

export function problem(title: string, text: string, hint?: string): Screen {
  return screen(title, {
    emoji: '⚠️',
    tone: 'warning',
    sections: [{ text }, ...(hint ? [{ text: hint }] : [])],
    placement: 'new',
  });
}

export function notice(title: string, text: string): Screen {
  return screen(title, { sections: [{ text }], placement: 'new' });
}

/** "Did you mean …" from the closest names, or nothing when none is close. */
export function closest(turn: Turn, word: string, candidates: string[]): string {
  const near = turn.deps.suggest(word, candidates).slice(0, 3);
  return near.length > 0 ? `Did you mean ${near.map((n) => `\`${n}\``).join(', ')}?` : '';
}

export function usageLine(turn: Turn, name: string): string {
  const sub = commandTree().subcommands.find((s) => s.name === name);
  return sub ? `Usage: \`${usageOf(sub, turn.deps.commandName)}\`` : '';
}

export function helpScreen(turn: Turn): Screen {
  return screen(`/${turn.deps.commandName}: commands`, {
    emoji: '📖',
    sections: [
      { text: helpLines(turn.deps.commandName).join('\n') },
      { text: 'Results arrive in a thread with Run again, Run with changes and Schedule this.' },
    ],
    buttons: [
      { label: 'New job', action: 'w.new', value: '', style: 'primary' },
      { label: 'Favourites', action: 'fav.list', value: '' },
    ],
    placement: 'new',
  });
}

export function unknownCommand(turn: Turn, word: string): Screen {
  const names = commandTree().subcommands.map((s) => s.name);
  return problem(
    `Unknown command "${word}"`,
    [closest(turn, word, names), `Commands: ${names.join(', ')}.`].filter(Boolean).join(' '),
    `Type \`/${turn.deps.commandName} help\` for examples.`,
  );
}
