import { describe, expect, it } from 'vitest';
import { truncateBody } from '../../src/notify/ntfy.js';
import { durationHuman, errorSummary, formatTime } from '../../src/notify/text.js';

describe('durationHuman', () => {
  it.each([
    [0, '<1s'],
    [499, '<1s'],
    [500, '1s'],
    [12_000, '12s'],
    [12_400, '12s'],
    [59_600, '1m 0s'],
    [154_000, '2m 34s'],
    [3_600_000, '1h 0m'],
    [3_900_000, '1h 5m'],
    [90_061_000, '1d 1h'],
  ])('%i ms reads %s', (ms, text) => {
    expect(durationHuman(ms)).toBe(text);
  });
});

describe('errorSummary', () => {
  it('keeps up to 5 lines mentioning error, fail or exception, any case, in order', () => {
    const output = [
      'starting',
      'ERROR: disk full',
      'retrying',
      'Step failed',
      'java.lang.NullPointerException at Foo',
      'error: again',
      'FAILURE in stage 3',
      'errors everywhere',
      'done',
    ].join('\n');
    expect(errorSummary([output])).toBe(
      [
        'ERROR: disk full',
        'Step failed',
        'java.lang.NullPointerException at Foo',
        'error: again',
        'FAILURE in stage 3',
      ].join('\n'),
    );
  });

  it('reads several texts, drops repeated lines, and is empty when nothing matches', () => {
    expect(errorSummary(['exit failed', 'ok\nexit failed\nan exception'])).toBe(
      'exit failed\nan exception',
    );
    expect(errorSummary(['all good\nno problems'])).toBe('');
  });
});

describe('formatTime', () => {
  it('writes the time in the configured zone', () => {
    const at = Date.UTC(2025, 6, 1, 12, 30, 5);
    expect(formatTime(at, 'Europe/Berlin')).toBe('2025-07-01 14:30:05 GMT+2');
    expect(formatTime(at, 'UTC')).toBe('2025-07-01 12:30:05 UTC');
    expect(formatTime(null, 'UTC')).toBe('');
  });
});

describe('truncateBody', () => {
  it('leaves a body within 4096 bytes alone', () => {
    const body = 'x'.repeat(4096);
    expect(truncateBody(body)).toBe(body);
  });

  it('cuts a longer body to 4096 bytes with a marker saying how much is left out', () => {
    const body = 'é'.repeat(5000);
    const cut = truncateBody(body);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(4096);
    const match = /\n… output truncated, (\d+) bytes more$/.exec(cut);
    expect(match).not.toBeNull();
    const kept = cut.slice(0, match?.index);
    expect(kept).toBe('é'.repeat(kept.length));
    expect(Buffer.byteLength(kept) + Number(match?.[1])).toBe(Buffer.byteLength(body));
  });
});
