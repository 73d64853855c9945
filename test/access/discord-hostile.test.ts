import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../../src/store/db.js';
import { type Harness, idStarting, startHarness } from '../chat/discord/harness.js';
import { CORPUS, LOOK_ALIKES } from '../support/hostile-corpus.js';
import { catalogYaml } from './setup.js';

/** Discord's text input holds at most 4000 characters; longer values cannot be typed. */
const DISCORD_INPUT_MAX = 4000;

let h: Harness;
let workDir: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'jobdeck-discord-hostile-'));
  workDir = mkdtempSync(join(tmpdir(), 'jobdeck-work-'));
  writeFileSync(join(dir, 'test.yaml'), catalogYaml(workDir));
  h = await startHarness({ config: { catalog_dirs: [dir] } });
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

describe('hostile input through Discord', () => {
  it('modal submissions carry each hostile value to the command literally', async () => {
    const { fake } = h;
    const values = [...CORPUS, ...LOOK_ALIKES].filter(
      (v) => v.trim() !== '' && v.length <= DISCORD_INPUT_MAX,
    );
    for (const [index, value] of values.entries()) {
      const options = { item: 'echo_words', server: 'local' };
      const command = fake.slashCommand('jobs', { subcommand: 'run', options });
      await command.callback();
      const form = command.original()!;
      const open = fake.clickButton(form, idStarting(form, 'w.params>'));
      await open.callback();
      await fake.submitModal(open, { words: value }).callback();
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
    expect(fake.violations).toEqual([]);
    const posted = () =>
      [fake.channelId, ...fake.threads().map((c) => c.id)].flatMap((id) => fake.messages(id));
    const shown = (text: string) => posted().some((m) => JSON.stringify(m.data).includes(text));
    await expect
      .poll(() => shown('@here|') && shown('||spoiler|||'), { timeout: 15_000 })
      .toBe(true);
    for (const message of posted()) {
      expect(message.data.allowed_mentions ?? { parse: [] }).toEqual({ parse: [] });
      expect(message.data).toMatchObject({
        mention_everyone: false,
        mentions: [],
        mention_roles: [],
      });
    }
  }, 180_000);
});
