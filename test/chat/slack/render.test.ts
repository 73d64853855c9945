import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorsOf, readSubmission } from '../../../src/chat/slack/form.js';
import { renderModal } from '../../../src/chat/slack/modal.js';
import { renderMessage } from '../../../src/chat/slack/render.js';
import type { Screen } from '../../../src/conversation/screen.js';
import { messageViolations, viewViolations } from '../../fakes/slack/limits.js';
import { stateValues } from '../../fakes/slack/state-values.js';
import type { Json, StoredView } from '../../fakes/slack.js';
import { makeTestApp, type TestApp } from '../../support/app.js';
import { extremeCatalogDir, extremeChannels, extremeServers } from './extreme.js';
import { everyScreen } from './screens.js';

let t: TestApp;
let screens: Screen[];
beforeAll(async () => {
  t = await makeTestApp({
    servers: extremeServers(),
    config: {
      catalog_dirs: [extremeCatalogDir()],
      notifications: { channels: extremeChannels() },
    },
  });
  screens = await everyScreen(t);
}, 120_000);
afterAll(() => t.close());

function walk(value: unknown, visit: (node: Json) => void): void {
  if (Array.isArray(value)) for (const v of value) walk(v, visit);
  else if (value && typeof value === 'object') {
    visit(value as Json);
    for (const v of Object.values(value)) walk(v, visit);
  }
}

/** Limits the fake does not check: hints, labels, context text, empty menus. */
function extraProblems(blocks: unknown): string[] {
  const problems: string[] = [];
  walk(blocks, (node) => {
    const text = (v: unknown) => String((v as Json | undefined)?.text ?? '');
    if (node.type === 'input' && text(node.hint).length > 2000) problems.push('hint');
    if (node.type === 'input' && text(node.label).length > 2000) problems.push('label');
    if (node.type === 'context')
      for (const e of node.elements as Json[]) if (text(e).length > 3000) problems.push('context');
    if (String(node.type).endsWith('static_select') && !(node.options as Json[]).length)
      problems.push('empty select');
  });
  return problems;
}

describe('every screen rendered for Slack at extreme sizes', () => {
  it('walks the whole conversation', () => {
    const titles = screens.map((s) => s.title);
    expect(screens.length).toBeGreaterThan(50);
    for (const expected of [
      'Step 1 of 5',
      'Step 2 of 5',
      'Step 3 of 5',
      'Step 4 of 5',
      'Step 5 of 5',
    ])
      expect(titles.some((t) => t.includes(expected))).toBe(true);
    expect(titles.some((t) => t.startsWith('Scheduled:'))).toBe(true);
    const results = screens.filter((s) => s.tone === 'success' && s.buttons.length > 0);
    expect(results.map((s) => s.title.split(' ')[1])).toEqual(
      expect.arrayContaining(['huge_output', 'huge_form', 'danger_zone']),
    );
    expect(titles).toContain('Servers');
    expect(screens.some((s) => s.form?.fields.length === 50)).toBe(true);
    expect(screens.some((s) => s.attachment && s.attachment.content.length > 100_000)).toBe(true);
    const servers = screens.flatMap(
      (s) => s.form?.fields.filter((f) => f.name === 'servers') ?? [],
    );
    expect(servers.some((f) => f.options?.length === 100)).toBe(true);
  });

  it('as messages within every Slack message limit', () => {
    for (const screen of screens) {
      const message = renderMessage(screen);
      expect(messageViolations(screen.title.slice(0, 40), message as never)).toEqual([]);
      expect(extraProblems(message.blocks)).toEqual([]);
    }
  });

  it('as modals within every Slack view limit, errors keyed by their input blocks', () => {
    for (const screen of screens) {
      const view = renderModal(screen, { channel: 'C0JOBS', thread: '1700000000.000100' });
      expect(viewViolations(screen.title.slice(0, 40), view)).toEqual([]);
      expect(extraProblems(view.blocks)).toEqual([]);
      const ids = (view.blocks as Json[]).map((b) => b.block_id);
      const errors = screen.form ? (errorsOf(screen.form) ?? {}) : {};
      for (const key of Object.keys(errors)) expect(ids).toContain(key);
    }
  });

  it('reads a submitted 50-field form back as shown, long option values included', () => {
    const form = screens.find((s) => s.form?.fields.length === 50)!;
    const view = renderModal(form, {}) as unknown as StoredView;
    const values = readSubmission(stateValues(view) as never);
    for (const field of form.form!.fields) {
      if (field.type === 'secret' || field.type === 'boolean') continue;
      if (field.type === 'number') expect(values[field.name]).toBe(String(Number(field.value)));
      else expect(values[field.name]).toEqual(field.value);
    }
    const long = form.form!.fields.find((f) => f.type === 'select')!;
    expect(String(long.value).length).toBeGreaterThan(3000);
  });
});
