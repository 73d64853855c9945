/** Pure text helpers for notifications: durations, output lines, error summaries, times. */

/** "<1s", "12s", "2m 34s", "1h 5m", "2d 3h"; seconds are rounded. */
export function durationHuman(ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000));
  if (total === 0) return '<1s';
  if (total < 60) return `${total}s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 60) return `${minutes}m ${total % 60}s`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours}h ${minutes % 60}m`;
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

export function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function firstLines(text: string, count: number): string {
  return splitLines(text).slice(0, Math.max(0, count)).join('\n');
}

export function lastLines(text: string, count: number): string {
  if (count <= 0) return '';
  return splitLines(text).slice(-count).join('\n');
}

const ERROR_WORDS = /error|fail|exception/i;

/** Up to `max` distinct lines that mention error, fail or exception, in order. */
export function errorSummary(texts: string[], max = 5): string {
  const found: string[] = [];
  for (const text of texts) {
    for (const line of splitLines(text)) {
      const trimmed = line.trim();
      if (!ERROR_WORDS.test(trimmed) || found.includes(trimmed)) continue;
      found.push(trimmed);
      if (found.length === max) return found.join('\n');
    }
  }
  return found.join('\n');
}

/** "2024-05-01 14:03:22 CEST": the time as people in `timeZone` read it. */
export function formatTime(ms: number | null, timeZone: string): string {
  if (ms === null) return '';
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
    timeZoneName: 'short',
  }).formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes) =>
    parts.find((p) => p.type === type)?.value ?? '';
  const date = `${part('year')}-${part('month')}-${part('day')}`;
  return `${date} ${part('hour')}:${part('minute')}:${part('second')} ${part('timeZoneName')}`;
}

/** Cuts `text` to at most `maxBytes` UTF-8 bytes without splitting a character. */
export function cutToBytes(text: string, maxBytes: number): string {
  const buf = Buffer.from(text, 'utf8');
  if (buf.length <= maxBytes) return text;
  let end = Math.max(0, maxBytes);
  while (end > 0 && ((buf[end] ?? 0) & 0xc0) === 0x80) end--;
  return buf.subarray(0, end).toString('utf8');
}

export function byteLength(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
