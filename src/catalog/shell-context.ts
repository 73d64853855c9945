/** Follows sh quoting through a command template, so each value is quoted for where it lands. */
import type { QuoteContext } from './quote.js';

type FrameKind = 'top' | 'subst' | 'double' | 'single' | 'ansi' | 'backtick' | 'brace' | 'comment';

interface Frame {
  kind: FrameKind;
  /** Open ( in a $( … ) or { in a ${ … } that are not yet closed. */
  depth: number;
}

export interface ShellState {
  frames: Frame[];
  /** A backslash or dollar whose meaning depends on the next character. */
  pending: '' | '\\' | '$';
  /** At the start of a word, where # opens a comment. */
  wordStart: boolean;
  previous: string;
  /** A here-document started: its body is not quoted the way values are. */
  heredoc: boolean;
}

export type Placement = { ok: true; context: QuoteContext } | { ok: false; reason: string };

const REFUSED: Partial<Record<FrameKind, string>> = {
  ansi: "a value cannot be used inside $'…'",
  backtick: 'a value cannot be used inside backticks; use $(…) instead',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the shell's ${…}, named for the user
  brace: 'a value cannot be used inside ${…}',
  comment: 'a value cannot be used inside a # comment',
};

export function initialState(): ShellState {
  return {
    frames: [{ kind: 'top', depth: 0 }],
    pending: '',
    wordStart: true,
    previous: '',
    heredoc: false,
  };
}

export function cloneState(state: ShellState): ShellState {
  return { ...state, frames: state.frames.map((frame) => ({ ...frame })) };
}

function top(state: ShellState): Frame {
  return state.frames[state.frames.length - 1]!;
}

function push(state: ShellState, kind: FrameKind): void {
  state.frames.push({ kind, depth: 0 });
  state.wordStart = kind === 'subst';
}

function pop(state: ShellState): void {
  if (state.frames.length > 1) state.frames.pop();
  state.wordStart = false;
}

/** `$(`, `${` and `$'` open a new frame; answers whether the character was used that way. */
function afterDollar(state: ShellState, c: string): boolean {
  const kind = top(state).kind;
  const plain = kind === 'top' || kind === 'subst';
  if (!plain && kind !== 'double') return false;
  if (c === '(') push(state, 'subst');
  else if (c === '{') push(state, 'brace');
  else if (c === "'" && plain) push(state, 'ansi');
  else return false;
  return true;
}

const OPENERS: Record<string, FrameKind> = { "'": 'single', '"': 'double', '`': 'backtick' };

function plainChar(state: ShellState, frame: Frame, c: string): void {
  const opens = OPENERS[c] ?? (c === '#' && state.wordStart ? 'comment' : undefined);
  if (opens) push(state, opens);
  else if (c === ')' && frame.kind === 'subst' && frame.depth === 0) pop(state);
  else {
    if (c === '\\' || c === '$') state.pending = c;
    else if (frame.kind === 'subst' && c === '(') frame.depth++;
    else if (frame.kind === 'subst' && c === ')') frame.depth--;
    else if (c === '<' && state.previous === '<') state.heredoc = true;
    state.wordStart = /[\s;&|()<>]/.test(c);
  }
}

function quotedChar(state: ShellState, frame: Frame, c: string): void {
  switch (frame.kind) {
    case 'double':
      if (c === '\\' || c === '$') state.pending = c;
      else if (c === '"') pop(state);
      else if (c === '`') push(state, 'backtick');
      return;
    case 'single':
      if (c === "'") pop(state);
      return;
    case 'ansi':
    case 'backtick':
      if (c === '\\') state.pending = c;
      else if (c === (frame.kind === 'ansi' ? "'" : '`')) pop(state);
      return;
    case 'brace':
      if (c === '{') frame.depth++;
      else if (c === '}' && frame.depth-- === 0) pop(state);
      return;
    default:
      if (c === '\n') {
        pop(state);
        state.wordStart = true;
      }
  }
}

/** Moves the state over literal template text. */
export function advance(state: ShellState, text: string): void {
  for (const c of text) {
    const pending = state.pending;
    state.pending = '';
    if (pending === '\\') {
      state.wordStart = false;
      state.previous = '';
      continue;
    }
    if (pending === '$' && afterDollar(state, c)) continue;
    const frame = top(state);
    if (frame.kind === 'top' || frame.kind === 'subst') plainChar(state, frame, c);
    else quotedChar(state, frame, c);
    state.previous = c;
  }
}

/** How a value must be quoted at the current position, or why no value may go there. */
export function placeValue(state: ShellState): Placement {
  if (state.heredoc)
    return { ok: false, reason: 'a value cannot be used after a here-document (<<)' };
  if (state.pending === '\\') return { ok: false, reason: 'a value cannot follow a backslash' };
  if (state.pending === '$') return { ok: false, reason: 'a value cannot follow $' };
  const kind = top(state).kind;
  const refused = REFUSED[kind];
  if (refused) return { ok: false, reason: refused };
  if (kind === 'double' || kind === 'single') return { ok: true, context: kind };
  return { ok: true, context: 'plain' };
}

/** After a value: the shell is inside a word that is not a here-document marker. */
export function afterValue(state: ShellState): void {
  state.wordStart = false;
  state.previous = '';
}

/** Same open quotes and brackets: a block may run or not without changing what follows. */
export function sameQuoting(a: ShellState, b: ShellState): boolean {
  if (a.pending !== b.pending || a.frames.length !== b.frames.length) return false;
  return a.frames.every(
    (frame, i) => frame.kind === b.frames[i]?.kind && frame.depth === b.frames[i]?.depth,
  );
}

/** The state after a block that may or may not have run: the more careful of the two. */
export function mergeStates(target: ShellState, other: ShellState): void {
  target.wordStart ||= other.wordStart;
  target.heredoc ||= other.heredoc;
  if (target.previous !== other.previous) target.previous = '';
}

/** What the end of the command leaves open, or undefined when everything is closed. */
export function unclosed(state: ShellState): string | undefined {
  if (state.pending === '\\') return 'the command ends with a backslash';
  const open = state.frames.slice(1).filter((frame) => frame.kind !== 'comment');
  if (open.length === 0) return undefined;
  const names: Record<FrameKind, string> = {
    top: '',
    subst: '$(',
    double: '"',
    single: "'",
    ansi: "$'",
    backtick: '`',
    brace: '${',
    comment: '#',
  };
  return `the command leaves ${open.map((f) => names[f.kind]).join(' ')} open`;
}
