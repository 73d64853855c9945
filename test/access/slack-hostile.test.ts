import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../src/store/db.js';
import { type SlackHarness, startSlackJobdeck } from '../chat/slack/harness.js';
import { CORPUS, LOOK_ALIKES } from '../support/hostile-corpus.js';
import { catalogYaml } from './setup.js';

/** Slack's plain-text input holds at most 3000 characters; longer values cannot be typed. */
const SLACK_INPUT_MAX = 3000;

let h: SlackHarness;
let url: string;
let workDir: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobdeck-slack-hostile-'));
  workDir = mkdtempSync(join(tmpdir(), 'jobdeck-work-'));
  writeFileSync(join(dir, 'test.yaml'), catalogYaml(workDir));
  h = await startSlackJobdeck({ http: true, config: { catalog_dirs: [dir] } });
  url = h.platform.url!;
});
afterAll(() => h?.close());

async function echoRuns() {
  return h.t.app.store.db
    .selectFrom('runs')
    .selectAll()
    .where('item_name', '=', 'echo_words')
    .orderBy('id')
    .execute();
}

async function submitForm(value: string, sign = {}) {
  const opened = h.fake.nextCall('views.open');
  await h.fake.sendSignedSlashCommand(url, { text: 'run echo_words local' });
  const viewId = String(((await opened).response.view as { id: string }).id);
  const payload = h.fake.viewSubmissionPayload({ viewId, inputs: { words: value } });
  return h.fake.sendSignedInteraction(url, payload, sign);
}

describe('hostile input through Slack', () => {
  it('form submissions carry each hostile value to the command literally', async () => {
    const values = [...CORPUS, ...LOOK_ALIKES].filter(
      (v) => v.trim() !== '' && v.length <= SLACK_INPUT_MAX,
    );
    for (const [index, value] of values.entries()) {
      const answer = await submitForm(value);
      expect(answer.status).toBe(200);
      const finished = async () => {
        const runs = await echoRuns();
        return runs.length === index + 1 ? runs.at(-1)?.status : `${runs.length} runs`;
      };
      await expect.poll(finished, { timeout: 15_000 }).toBe('success');
    }
    for (const [index, run] of (await echoRuns()).entries()) {
      expect(json.decode<{ words: string }>(run.parameters, { words: '' }).words).toBe(
        values[index],
      );
      expect(readFileSync(run.log_path ?? '', 'utf8')).toBe(`${values[index]}|`);
    }
    expect(existsSync(join(workDir, 'pwned'))).toBe(false);
    expect(h.fake.violations).toEqual([]);
    const posted = JSON.stringify(h.fake.calls.filter((c) => c.method.startsWith('chat.')));
    for (const mention of ['<!channel>', '<!here>', '<!everyone>', '<@U0123ABCD>', '<#C0123ABCD>'])
      expect(posted).not.toContain(mention);
    expect(posted).toContain('&lt;!channel&gt;');
  }, 180_000);

  it('a form submission with a stale or wrong signature gets 401 and runs nothing', async () => {
    const before = (await echoRuns()).length;
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    const old = await submitForm('stale', { timestamp: stale });
    const forged = await submitForm('forged', { badSignature: true });
    expect([old.status, forged.status]).toEqual([401, 401]);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await echoRuns()).toHaveLength(before);
    h.logged.splice(0);
  });
});
