import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type SlackHarness, startSlackJobdeck } from './harness.js';

let h: SlackHarness;
let url: string;
beforeAll(async () => {
  h = await startSlackJobdeck({ http: true });
  url = h.platform.url!;
});
afterAll(() => h.close());
afterEach(() => {
  expect(h.fake.violations.splice(0)).toEqual([]);
  expect(h.logged.splice(0)).toEqual([]);
});

async function greetRuns(): Promise<{ status: string }[]> {
  return h.t.app.store.db
    .selectFrom('runs')
    .select('status')
    .where('item_name', '=', 'greet')
    .execute();
}

describe('Slack over HTTP (signed requests)', () => {
  it('accepts a signed command; acts once when Slack retries it (X-Slack-Retry-Num)', async () => {
    const payload = h.fake.slashCommandPayload({ text: 'run greet local name=http' });
    const done = h.fake.nextCall('chat.update', (a) => String(a.text).includes('succeeded'));
    const first = await h.fake.sendSignedSlashCommand(url, payload);
    const retry = await h.fake.sendSignedSlashCommand(url, payload, { retryNum: 1 });
    expect([first.status, retry.status]).toEqual([200, 200]);
    expect(JSON.stringify((await done).args.blocks)).toContain('hello http');
    await eventually(async () => expect(await greetRuns()).toEqual([{ status: 'success' }]));
    expect(h.platform.healthy()).toBe(true);
  });

  it('answers 401 to a wrong signature and to a stale timestamp, and runs nothing', async () => {
    const before = h.fake.calls.length;
    const input = { text: 'run greet local name=forged' };
    const forged = await h.fake.sendSignedSlashCommand(url, input, { badSignature: true });
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const old = await h.fake.sendSignedSlashCommand(url, input, { timestamp: stale });
    expect([forged.status, old.status]).toEqual([401, 401]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(h.fake.calls.slice(before)).toEqual([]);
    expect(await greetRuns()).toHaveLength(1);
    expect(h.logged.splice(0).join('')).toMatch(/signature|stale|timestamp/i);
  });

  it('answers a submission with its field errors in the HTTP response', async () => {
    const opened = h.fake.nextCall('views.open');
    await h.fake.sendSignedSlashCommand(url, { text: 'run greet local' });
    const viewId = String(((await opened).response.view as { id: string }).id);
    const payload = h.fake.viewSubmissionPayload({ viewId, inputs: { name: 'NO' } });
    const answer = await h.fake.sendSignedInteraction(url, payload);
    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.text)).toEqual({
      response_action: 'errors',
      errors: { 'in:w.params:name': expect.stringContaining('lower-case') },
    });
  });

  it('acknowledges a payload it cannot read (no user) with 200 and a warning, not a 500', async () => {
    const before = h.fake.calls.length;
    const answer = await h.fake.sendSignedInteraction(url, {
      type: 'block_actions',
      team: { id: 'T0' },
      actions: [{ type: 'button', action_id: 'w.new', block_id: 'b', value: '' }],
    });
    expect(answer.status).toBe(200);
    const logged = h.logged.splice(0).join('');
    expect(logged).toContain('malformed Slack payload ignored');
    expect(logged).not.toContain('"level":50');
    expect(h.fake.calls.slice(before)).toEqual([]);
  });
});
