// Every Screen the conversation can produce, at extreme sizes, rendered within Discord's limits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { attachmentFile, withAttachment } from '../../../src/chat/discord/channel.js';
import { ConfirmTexts, confirmDialog } from '../../../src/chat/discord/confirm.js';
import { CUSTOM_ID_MAX, parseId } from '../../../src/chat/discord/custom-id.js';
import { FormStore } from '../../../src/chat/discord/forms.js';
import { modalFor } from '../../../src/chat/discord/modal.js';
import { renderMessage } from '../../../src/chat/discord/render.js';
import { fitScreen } from '../../../src/conversation/fit.js';
import type { Screen } from '../../../src/conversation/screen.js';
import { checkMessage, type Problem } from '../../fakes/discord/limits-message.js';
import { checkModal } from '../../fakes/discord/limits-other.js';
import type { JsonObject } from '../../fakes/discord.js';
import { makeTestApp, type TestApp } from '../../support/app.js';
import { testCatalogDir } from './catalog.js';
import { everyScreen, manyServers } from './screens.js';

let t: TestApp;
let screens: Screen[];

beforeAll(async () => {
  t = await makeTestApp({
    servers: [{ name: 'local', transport: 'local' }, ...manyServers(100)],
    config: { catalog_dirs: [testCatalogDir()] },
  });
  screens = await everyScreen(t);
}, 120_000);

afterAll(() => t?.close());

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as JsonObject;

/** Every payload the adapter can make from one screen, with the problems Discord would see. */
function problemsOf(screen: Screen): Problem[] {
  const found: Problem[] = [];
  const variants = [
    renderMessage(screen, { ephemeral: true }),
    renderMessage(screen, { progress: { done: 1, pages: 10 } }),
    renderMessage(screen, { sectionsInstead: [{ text: 'Live output in the thread.' }] }),
  ];
  for (const body of variants) found.push(...checkMessage(json(body)));
  const confirms = new ConfirmTexts();
  confirms.remember(screen.buttons);
  for (const button of screen.buttons.filter((b) => b.confirm)) {
    const id = `${button.action}!${button.value}`;
    const parsed = parseId(id);
    if (!parsed) throw new Error(`cannot read ${id}`);
    found.push(...checkMessage(json(confirmDialog(parsed, id, confirms, undefined))));
  }
  const entry = new FormStore().open('u1', screen);
  for (const [page] of (entry?.pages ?? []).entries()) {
    if (!entry) break;
    entry.todo = [page];
    found.push(...checkModal(json(modalFor(entry))));
  }
  return found.map((p) => ({ ...p, rule: `${screen.title.slice(0, 40)}: ${p.rule}` }));
}

describe('Discord rendering of every screen at extreme sizes', () => {
  it('produced the screens worth checking', () => {
    const titles = screens.map((s) => s.title).join('\n');
    expect(screens.length).toBeGreaterThan(40);
    expect(titles).toContain('Step 2 of 5: set up Huge form');
    expect(titles).toContain('Step 3 of 5');
    expect(titles).toMatch(/Long output on local succeeded/);
    expect(screens.some((s) => (s.form?.fields.length ?? 0) === 50)).toBe(true);
    expect(screens.some((s) => (s.form?.fields[0]?.options?.length ?? 0) >= 100)).toBe(true);
    expect(screens.some((s) => (s.attachment?.content.length ?? 0) > 100_000)).toBe(true);
    expect(screens.some((s) => s.form?.fields.some((f) => f.value === 'y'.repeat(3000)))).toBe(
      true,
    );
  });

  it('keeps every message, modal and confirmation within the limits', () => {
    expect(screens.flatMap(problemsOf)).toEqual([]);
  });

  it('keeps a screen filled to every neutral limit within the limits', () => {
    const long = (n: number, c = 'x') => c.repeat(n);
    const full = fitScreen({
      title: long(400),
      emoji: '🧪',
      sections: [
        { text: long(6000) },
        { text: `${long(3000, '`')}\n${long(3000)}`, code: true },
        { text: long(2000) },
      ],
      fields: Array.from({ length: 30 }, (_, i) => ({
        label: long(300, `${i}`),
        value: long(3000),
      })),
      choices: {
        action: 'w.item',
        value: long(20),
        placeholder: long(300),
        multi: true,
        choices: Array.from({ length: 60 }, (_, i) => ({
          value: `${i}${long(70)}`,
          label: long(200),
          description: long(200),
        })),
      },
      buttons: Array.from({ length: 30 }, (_, i) => ({
        label: long(200),
        action: 'run.cancel',
        value: `${i}${long(80)}`.slice(0, 89),
        confirm: { title: long(200), text: long(500), confirm: long(100), deny: long(100) },
      })),
      form: {
        action: 'w.params',
        value: long(8),
        title: long(200),
        submitLabel: long(100),
        fields: Array.from({ length: 60 }, (_, i) => ({
          name: `f${i}`,
          label: long(200),
          type: i % 2 ? ('string' as const) : ('multiselect' as const),
          required: true,
          description: long(500),
          placeholder: long(500),
          value: i % 2 ? long(5000) : [long(80)],
          options: Array.from({ length: 25 }, (_, j) => ({
            value: `${j}${long(90)}`,
            label: long(200),
          })),
          error: long(500),
        })),
      },
      attachment: { filename: 'run-1.log', content: long(30 * 1024 * 1024) },
      visibility: 'user',
      placement: 'replace',
      footer: long(3000),
    });
    expect(problemsOf(full)).toEqual([]);
    const rendered = renderMessage(full);
    const ids = JSON.stringify(rendered).match(/"custom_id":"[^"]*"/g) ?? [];
    expect(ids.every((id) => id.length - 14 <= CUSTOM_ID_MAX)).toBe(true);
    expect(attachmentFile(full.attachment!, 8 * 1024 * 1024).data.length).toBeLessThanOrEqual(
      8 * 1024 * 1024,
    );
    const out = withAttachment(rendered, full.attachment, 1024 * 1024);
    expect(out.body.attachments).toEqual([{ id: 0, filename: 'run-1.log' }]);
  });
});
