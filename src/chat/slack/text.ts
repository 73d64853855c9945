/** Slack text: mrkdwn escaping, cutting to a limit without splitting a character or an entity. */

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };
const MARK = '…';

/** Cuts plain text to `max` characters, marking the cut; never splits a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  let head = text.slice(0, Math.max(0, max - MARK.length));
  if (/[\uD800-\uDBFF]$/.test(head)) head = head.slice(0, -1);
  return head + MARK;
}

/** The escaped form of each character, so cutting never splits `&amp;`. */
function escapedUnits(text: string): string[] {
  return Array.from(text, (ch) => ENTITY[ch] ?? ch);
}

function joinWithin(units: string[], max: number, from: 'head' | 'tail'): string {
  const total = units.reduce((sum, unit) => sum + unit.length, 0);
  if (total <= max) return units.join('');
  const kept: string[] = [];
  let length = MARK.length;
  const order = from === 'head' ? units : [...units].reverse();
  for (const unit of order) {
    if (length + unit.length > max) break;
    kept.push(unit);
    length += unit.length;
  }
  return from === 'head' ? kept.join('') + MARK : MARK + kept.reverse().join('');
}

/** The whole text escaped: most texts fit, and need no cutting character by character. */
function escapeAll(text: string): string {
  return text.replace(/[&<>]/g, (ch) => ENTITY[ch] ?? ch);
}

/** mrkdwn-escaped text within `max` characters, keeping the start. */
export function mrkdwn(text: string, max: number): string {
  const whole = escapeAll(text);
  return whole.length <= max ? whole : joinWithin(escapedUnits(text), max, 'head');
}

const FENCE = '```';

/** Output as a code block within `max` characters, keeping its end (the latest lines). */
export function codeBlock(text: string, max: number): string {
  const safe = text.replaceAll(FENCE, '`\u200b``');
  const room = max - FENCE.length * 2 - 2;
  const whole = escapeAll(safe);
  const kept = whole.length <= room ? whole : joinWithin(escapedUnits(safe), room, 'tail');
  return `${FENCE}\n${kept}\n${FENCE}`;
}

export function plain(
  text: string,
  max: number,
): { type: 'plain_text'; text: string; emoji: true } {
  return { type: 'plain_text', text: cut(text || ' ', max), emoji: true };
}

export function md(text: string, max = 3000): { type: 'mrkdwn'; text: string } {
  return { type: 'mrkdwn', text: mrkdwn(text || ' ', max) };
}

/** Slash command text arrives with &, < and > escaped. */
export function unescapeSlack(text: string): string {
  return text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');
}
