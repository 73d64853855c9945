/** How the fake ntfy reads a publish request: header aliases, RFC 2047, priority, actions. */
import type { IncomingHttpHeaders } from 'node:http';

export interface NtfyAction {
  id: string;
  action: string;
  label: string;
  url?: string;
  clear: boolean;
  [key: string]: unknown;
}

/** An error ntfy would answer, with its code. */
export class NtfyRefusal extends Error {
  constructor(
    readonly http: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

const PARAM_ALIASES: Record<string, string[]> = {
  title: ['x-title', 'title', 'ti', 't'],
  message: ['x-message', 'message', 'm'],
  priority: ['x-priority', 'priority', 'prio', 'p'],
  tags: ['x-tags', 'tags', 'tag', 'ta'],
  click: ['x-click', 'click'],
  actions: ['x-actions', 'actions', 'action'],
  markdown: ['x-markdown', 'markdown', 'md'],
  filename: ['x-filename', 'filename', 'file', 'f'],
  icon: ['x-icon', 'icon'],
};

const WORD = /=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g;

function decodeWord(charset: string, encoding: string, text: string): string {
  const bytes =
    encoding.toUpperCase() === 'B'
      ? Buffer.from(text, 'base64')
      : Buffer.from(
          text
            .replace(/_/g, ' ')
            .replace(/=([0-9A-Fa-f]{2})/g, (_, hex) => String.fromCharCode(parseInt(hex, 16))),
          'latin1',
        );
  return new TextDecoder(charset.toLowerCase() === 'utf-8' ? 'utf-8' : charset).decode(bytes);
}

/** RFC 2047 encoded words decoded; whitespace between two encoded words dropped, as Go does. */
export function decodeRfc2047(value: string): string {
  const joined = value.replace(/\?=\s+=\?/g, '?==?');
  return joined.replace(WORD, (_, charset, encoding, text) => decodeWord(charset, encoding, text));
}

/** A publish parameter from headers (case-insensitive, X- optional) or the query string. */
export function readParam(
  headers: IncomingHttpHeaders,
  query: URLSearchParams,
  name: keyof typeof PARAM_ALIASES,
): string | undefined {
  for (const alias of PARAM_ALIASES[name] ?? []) {
    const value = headers[alias];
    if (typeof value === 'string') return decodeRfc2047(value.trim());
    const fromQuery = query.get(alias);
    if (fromQuery !== null) return fromQuery.trim();
  }
  return undefined;
}

const PRIORITY_WORDS: Record<string, number> = {
  min: 1,
  low: 2,
  default: 3,
  high: 4,
  max: 5,
  urgent: 5,
};

export function parsePriority(value: string | number | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const text = String(value).toLowerCase();
  const number = PRIORITY_WORDS[text] ?? Number(text);
  if (!Number.isInteger(number) || number < 1 || number > 5) {
    throw new NtfyRefusal(400, 40007, 'invalid priority parameter');
  }
  return number;
}

function parseSimpleAction(text: string, index: number): NtfyAction {
  const action: NtfyAction = { id: `a${index}`, action: '', label: '', clear: false };
  const positional = ['action', 'label', 'url'];
  for (const part of text.split(',').map((p) => p.trim())) {
    const at = part.indexOf('=');
    const key = at > 0 ? part.slice(0, at).trim() : positional.shift();
    const value = at > 0 ? part.slice(at + 1).trim() : part;
    if (!key) continue;
    action[key] = key === 'clear' ? value === 'true' : value;
  }
  return action;
}

/** The Actions header in JSON or the simple `view, Label, url; …` form; at most 3. */
export function parseActions(value: unknown): NtfyAction[] | undefined {
  if (value === undefined || value === '') return undefined;
  let list: NtfyAction[];
  try {
    if (Array.isArray(value)) list = value as NtfyAction[];
    else if (String(value).trim().startsWith('[')) list = JSON.parse(String(value));
    else list = String(value).split(';').map(parseSimpleAction);
  } catch {
    throw new NtfyRefusal(400, 40018, 'invalid request: actions invalid');
  }
  if (list.length > 3 || list.some((a) => !a.action || !a.label)) {
    throw new NtfyRefusal(400, 40018, 'invalid request: actions invalid');
  }
  return list.map((a, i) => ({ ...a, id: a.id ?? `a${i}`, clear: a.clear === true }));
}

export function parseTags(value: unknown): string[] | undefined {
  if (value === undefined || value === '') return undefined;
  const list = Array.isArray(value) ? value.map(String) : String(value).split(',');
  const tags = list.map((t) => t.trim()).filter((t) => t !== '');
  return tags.length > 0 ? tags : undefined;
}

export function isYes(value: unknown): boolean {
  return value === true || ['yes', 'true', '1'].includes(String(value).toLowerCase());
}
