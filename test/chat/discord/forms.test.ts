// Forms in Discord: a modal form on two pages, an error that reopens it prefilled, restarts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JsonObject, StoredMessage } from '../../fakes/discord.js';
import { components, type Harness, idStarting, startHarness, textOf, titleOf } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(() => h?.close());

/** `/jobs new`, the test category, then `item`: the wizard message at step 2. */
async function configure(item: string): Promise<StoredMessage> {
  const { fake } = h;
  const command = fake.slashCommand('jobs', { subcommand: 'new' });
  await command.callback();
  const message = command.original()!;
  await fake.clickButton(message, idStarting(message, 'w.cat|')).callback();
  const category = components(message).find((c) => String(c.custom_id).endsWith(':dtest'));
  await fake.clickButton(message, String(category?.custom_id)).callback();
  await fake.selectMenu(message, idStarting(message, 'w.item|'), [item]).callback();
  expect(titleOf(message)).toContain('Step 2 of 5');
  return message;
}

function inputs(modal: JsonObject | null): Record<string, unknown> {
  return Object.fromEntries(
    components(modal)
      .filter((c) => c.type === 4)
      .map((c) => [c.custom_id, c.value]),
  );
}

async function wizardValues(message: StoredMessage): Promise<Record<string, unknown>> {
  const id = idStarting(message, 'w.cancel|').slice('w.cancel|'.length);
  const row = await h.t.app.store.db
    .selectFrom('wizard_sessions')
    .select('data')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return (JSON.parse(String(row.data)) as { values: Record<string, unknown> }).values;
}

describe('forms as Discord modals', () => {
  it('splits seven fields over two modals, then reopens only the page with an error', async () => {
    const { fake } = h;
    const message = await configure('many_fields');
    const page1 = fake.clickButton(message, idStarting(message, 'w.params>'));
    await page1.callback();
    expect(page1.modal()?.title).toBe('Many fields (1/2)');
    expect(components(page1.modal()).filter((c) => c.type === 18)).toHaveLength(5);
    await fake.submitModal(page1, { field_1: 'hello world' }).callback();
    expect(textOf(message)).toContain('Page 1 of 2 saved');
    expect(components(message).map((c) => c.label)).toContain('📝 Continue (page 2 of 2)');

    const page2 = fake.clickButton(message, idStarting(message, 'w.params>'));
    await page2.callback();
    expect(page2.modal()?.title).toBe('Many fields (2/2)');
    expect(Object.keys(inputs(page2.modal()))).toEqual(['field_6', 'port']);
    const wrong = fake.submitModal(page2, { port: '70000' });
    expect((await wrong.callback()).body).toMatchObject({ type: 7 });
    expect(titleOf(message)).toContain('Step 2 of 5');
    expect(textOf(message)).toContain('✗ **Port**');
    expect(components(message).map((c) => c.label)).toContain('📝 Fix the form');

    const fix = fake.clickButton(message, idStarting(message, 'w.params>'));
    await fix.callback();
    expect(fix.modal()?.title).toBe('Many fields (2/2)');
    expect(inputs(fix.modal())).toEqual({ field_6: 'value 6', port: '70000' });
    const labels = components(fix.modal()).filter((c) => c.type === 18);
    expect(String(labels[1]?.description)).toMatch(/^✗ /);
    await fake.submitModal(fix, { port: '8080' }).callback();
    expect(titleOf(message)).toContain('Step 3 of 5');
    expect(await wizardValues(message)).toMatchObject({ field_1: 'hello world', port: '8080' });
    expect(fake.violations).toEqual([]);
  });

  it('keeps the preselected server with its Next button', async () => {
    const { fake } = h;
    const message = await configure('many_fields');
    const open = fake.clickButton(message, idStarting(message, 'w.params>'));
    await open.callback();
    await fake.submitModal(open, { field_1: 'x' }).callback();
    const next = fake.clickButton(message, idStarting(message, 'w.params>'));
    await next.callback();
    await fake.submitModal(next, {}).callback();
    await fake.selectMenu(message, idStarting(message, 'w.servers='), ['local']).callback();
    expect(titleOf(message)).toContain('Step 4 of 5');
    await fake.clickButton(message, idStarting(message, 'w.back|')).callback();
    expect(titleOf(message)).toContain('Step 3 of 5');
    await fake.clickButton(message, idStarting(message, 'w.servers^')).callback();
    expect(titleOf(message)).toContain('Step 4 of 5');
  });

  it('opens the form again after a restart, from the wizard kept in SQLite', async () => {
    const { fake } = h;
    const message = await configure('many_fields');
    const restarted = await h.restart();
    const open = fake.clickButton(message, idStarting(message, 'w.params>'));
    expect((await open.callback()).body).toMatchObject({ type: 9 });
    expect(open.modal()?.title).toBe('Many fields (1/2)');
    await restarted.settled();
  });
});
