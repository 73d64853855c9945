import { describe, expect, it } from 'vitest';
import { cronFor } from '../../src/scheduler/cron-check.js';
import { describeCron, formatInZone } from '../../src/scheduler/describe.js';

const ZONE = 'Europe/Berlin';

function dueTimes(expr: string, fromIso: string, count: number): string[] {
  const result = describeCron(expr, ZONE, count, new Date(fromIso));
  if (!result.ok) throw new Error(result.error);
  return result.next.map((d) => formatInZone(d, ZONE));
}

/** The chain the scheduler follows: each next due time computed after the previous fire. */
function chain(expr: string, fromIso: string, count: number): string[] {
  const cron = cronFor(expr, ZONE);
  const shown: string[] = [];
  let previous = new Date(fromIso);
  for (let i = 0; i < count; i += 1) {
    const next = cron.nextRun(new Date(previous.getTime() + 5));
    if (!next) break;
    shown.push(formatInZone(next, ZONE));
    previous = next;
  }
  return shown;
}

describe('DST changes in Europe/Berlin', () => {
  it('spring forward: 2026-03-29 02:30 does not exist and the job runs once, at 03:00', () => {
    const expected = [
      'Sat 2026-03-28 02:30 CET',
      'Sun 2026-03-29 03:00 CEST',
      'Mon 2026-03-30 02:30 CEST',
    ];
    expect(dueTimes('30 2 * * *', '2026-03-27T12:00:00Z', 3)).toEqual(expected);
    expect(chain('30 2 * * *', '2026-03-27T12:00:00Z', 3)).toEqual(expected);
  });

  it('fall back: 2026-10-25 02:30 happens twice and the job runs once', () => {
    const expected = [
      'Sat 2026-10-24 02:30 CEST',
      'Sun 2026-10-25 02:30 CEST',
      'Mon 2026-10-26 02:30 CET',
    ];
    expect(dueTimes('30 2 * * *', '2026-10-23T12:00:00Z', 3)).toEqual(expected);
    expect(chain('30 2 * * *', '2026-10-23T12:00:00Z', 3)).toEqual(expected);
    expect(chain('0 30 2 * * *', '2026-10-23T12:00:00Z', 3)).toEqual(expected);
  });
});
