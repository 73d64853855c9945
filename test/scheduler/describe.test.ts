import { describe, expect, it } from 'vitest';
import { isJobdeckError } from '../../src/errors.js';
import { describeCron, formatInZone, presetCron } from '../../src/scheduler/describe.js';

const from = new Date('2026-06-01T10:00:00Z');

function ok(expr: string, zone = 'Europe/Berlin', count = 5) {
  const result = describeCron(expr, zone, count, from);
  if (!result.ok) throw new Error(`expected ${expr} to be valid: ${result.error}`);
  return { ...result, shown: result.next.map((d) => formatInZone(d, zone)) };
}

function error(expr: string, zone = 'UTC'): string {
  const result = describeCron(expr, zone, 5, from);
  if (result.ok) throw new Error(`expected ${expr} to be refused`);
  return result.error;
}

describe('describeCron', () => {
  it('describes a daily expression and lists the next 5 runs in the schedule zone', () => {
    const result = ok('30 2 * * *');
    expect(result.description).toBe('At 02:30');
    expect(result.shown).toEqual([
      'Tue 2026-06-02 02:30 CEST',
      'Wed 2026-06-03 02:30 CEST',
      'Thu 2026-06-04 02:30 CEST',
      'Fri 2026-06-05 02:30 CEST',
      'Sat 2026-06-06 02:30 CEST',
    ]);
    expect(result.next[0]?.toISOString()).toBe('2026-06-02T00:30:00.000Z');
  });

  it('lists the same expression at the same clock time in another zone', () => {
    const result = ok('0 9 * * MON-FRI', 'America/New_York', 2);
    expect(result.description).toBe('At 09:00, Monday through Friday');
    expect(result.shown).toEqual(['Mon 2026-06-01 09:00 EDT', 'Tue 2026-06-02 09:00 EDT']);
  });

  it('understands a seconds field, nicknames and croner extras', () => {
    expect(ok('*/10 * * * * *', 'UTC', 2).shown).toEqual([
      'Mon 2026-06-01 10:00:10 UTC',
      'Mon 2026-06-01 10:00:20 UTC',
    ]);
    expect(ok('*/10 * * * * *').description).toBe('Every 10 seconds');
    expect(ok('@daily').description).toBe('At 00:00');
    expect(ok('@weekly', 'UTC', 1).shown).toEqual(['Sun 2026-06-07 00:00 UTC']);
    expect(ok('0 0 L * *', 'UTC', 1).shown).toEqual(['Tue 2026-06-30 00:00 UTC']);
    expect(ok('0 9 * * 1#2').description).toBe('At 09:00, on the second Monday of the month');
    expect(ok('0 9 13 * +5', 'UTC', 1).shown).toEqual(['Fri 2026-11-13 09:00 UTC']);
  });

  it('says which field is wrong and why', () => {
    expect(error('61 * * * *')).toBe('minute field: 61 is out of range 0-59');
    expect(error('0 24 * * *')).toBe('hour field: 24 is out of range 0-23');
    expect(error('0 0 32 * *')).toBe('day-of-month field: 32 is out of range 1-31');
    expect(error('0 0 * 13 *')).toBe('month field: 13 is out of range 1-12');
    expect(error('0 0 * * 8')).toMatch(/^day-of-week field: 8 is out of range 0-7/);
    expect(error('61 * * * * *')).toBe('second field: 61 is out of range 0-59');
    expect(error('1-70 * * * *')).toBe('minute field "1-70": 60 is out of range 0-59');
    expect(error('5-1 * * * *')).toMatch(/minute field "5-1": a range must go from the smaller/);
    expect(error('*/0 * * * *')).toMatch(/a step of 0 never advances/);
    expect(error('0 x * * *')).toMatch(/^hour field "x": "x" is not valid here/);
  });

  it('explains the expected format when the field count is wrong', () => {
    expect(error('* * *')).toBe(
      'expected 5 fields "minute hour day-of-month month day-of-week" ' +
        '(or 6 with a seconds field first), got 3: "* * *"',
    );
    expect(error('@reboot')).toMatch(/@reboot is not supported/);
  });

  it('refuses an expression that never runs and an unknown time zone', () => {
    expect(error('0 0 30 2 *')).toBe('it never runs: no date matches all of its fields');
    expect(error('0 3 * * *', 'Mars/Olympus')).toMatch(/^unknown time zone "Mars\/Olympus"/);
  });
});

describe('presetCron', () => {
  it('turns wizard choices into expressions that describe as chosen', () => {
    expect(presetCron({ kind: 'hourly', minute: 15 })).toBe('15 * * * *');
    expect(presetCron({ kind: 'daily', hour: 3, minute: 30 })).toBe('30 3 * * *');
    expect(presetCron({ kind: 'weekly', hour: 9, weekday: 5 })).toBe('0 9 * * 5');
    expect(presetCron({ kind: 'monthly', day: 1, hour: 6 })).toBe('0 6 1 * *');
    expect(ok(presetCron({ kind: 'weekly', hour: 9, weekday: 5 })).description).toBe(
      'At 09:00, only on Friday',
    );
  });

  it('refuses values out of range', () => {
    let caught: unknown;
    try {
      presetCron({ kind: 'daily', hour: 24 });
    } catch (thrown) {
      caught = thrown;
    }
    expect(isJobdeckError(caught, 'schedule_invalid')).toBe(true);
    expect((caught as Error).message).toBe('hour must be a whole number 0-23');
  });
});
