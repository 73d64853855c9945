/**
 * Discord custom ids: the neutral `action` and `value` joined by one character that says what
 * the component does, so every id fits Discord's 100 characters and no state is needed to route.
 */

/** `|` acts, `!` asks first, `>` opens a form, `=` submits a one-select form, `^` submits as is. */
export type IdKind = 'act' | 'confirm' | 'form' | 'pick' | 'accept';

const SEPARATOR: Record<IdKind, string> = {
  act: '|',
  confirm: '!',
  form: '>',
  pick: '=',
  accept: '^',
};

const KIND_OF: Record<string, IdKind> = Object.fromEntries(
  Object.entries(SEPARATOR).map(([kind, sep]) => [sep, kind as IdKind]),
);

/** The "no, leave it" button of a confirmation step. */
export const DENY_ID = '~deny';

export const CUSTOM_ID_MAX = 100;

export interface ParsedId {
  kind: IdKind;
  action: string;
  value: string;
}

export function customId(kind: IdKind, action: string, value: string): string {
  return `${action}${SEPARATOR[kind]}${value}`;
}

/** Reads an id made by customId; undefined for anything else (such as DENY_ID). */
export function parseId(id: string): ParsedId | undefined {
  const match = /^([a-z][a-z0-9_.-]*)([|!>=^])([\s\S]*)$/.exec(id);
  if (!match) return undefined;
  const kind = KIND_OF[match[2] ?? ''];
  return kind ? { kind, action: match[1] ?? '', value: match[3] ?? '' } : undefined;
}
