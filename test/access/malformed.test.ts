import { PassThrough } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { Conversation } from '../../src/conversation/conversation.js';
import type { Interaction } from '../../src/conversation/interaction.js';
import { createLogger } from '../../src/log.js';
import { conversationDeps } from '../../src/wiring/conversation-deps.js';
import { Recorder } from '../conversation/recorder.js';
import {
  ACCESS,
  type AccessTestApp,
  accessApp,
  by,
  chooseOn,
  cmd,
  pressOn,
  submitOn,
} from './setup.js';

let t: AccessTestApp;
afterEach(() => t.close());

/** A conversation whose log lines are kept, to see what was warned about. */
function withLog(app: AccessTestApp): {
  conversation: Conversation;
  logs: () => Promise<string[]>;
} {
  const destination = new PassThrough();
  const lines: string[] = [];
  destination.on('data', (chunk) => lines.push(...String(chunk).trim().split('\n')));
  const logger = createLogger({ level: 'debug', destination });
  const conversation = new Conversation({ ...conversationDeps(app.app), logger });
  const logs = async () => {
    await new Promise((resolve) => setImmediate(resolve));
    return lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
  };
  return { conversation, logs };
}

async function counts(): Promise<Record<string, number>> {
  const db = t.app.store.sqlite;
  const tables = ['runs', 'job_definitions', 'schedules', 'wizard_sessions', 'favorites'];
  return Object.fromEntries(
    tables.map((name) => [
      name,
      (db.prepare(`select count(*) as n from ${name}`).get() as { n: number }).n,
    ]),
  );
}

const base = cmd('list');
const big = 'x'.repeat(20_000);
const IGNORED: Array<[string, unknown]> = [
  ['null', null],
  ['a string', 'run hello'],
  ['an empty object', {}],
  ['no id', { ...base, id: undefined }],
  ['an empty id', { ...base, id: '' }],
  ['a numeric user id', { ...base, actor: { ...base.actor, userId: 42 } }],
  ['an unknown platform', { ...base, actor: { ...base.actor, platform: 'irc' } }],
  ['roles as a string', { ...base, actor: { ...base.actor, roles: 'admin' } }],
  ['a broken display name', { ...base, actor: { ...base.actor, displayName: 'a\uDC00b' } }],
  ['an oversized user id', { ...base, actor: { ...base.actor, userId: big } }],
];
const ANSWERED: Array<[string, unknown, string]> = [
  ['no action', { ...base, action: undefined }, 'no action'],
  ['an unknown kind', { ...base, action: { kind: 'zzz' } }, 'unknown action kind'],
  [
    'a button without a value',
    { ...base, action: { kind: 'button', action: 'run.again' } },
    'the action value is not text',
  ],
  [
    'form values as a string',
    { ...base, action: { kind: 'submit', action: 'w.params', value: 'x', values: 'a=b' } },
    'the form values are missing',
  ],
  [
    'a nested form value',
    {
      ...base,
      action: { kind: 'submit', action: 'w.params', value: 'x', values: { words: { a: 1 } } },
    },
    'field words is not text',
  ],
  [
    'select values not a list',
    { ...base, action: { kind: 'select', action: 'w.item', value: 'x', values: 'hello' } },
    'the chosen values are missing',
  ],
  ['an oversized command', { ...base, action: { kind: 'command', text: big } }, 'too long'],
  [
    'an oversized form value',
    { ...base, action: { kind: 'submit', action: 'w.params', value: 'x', values: { w: big } } },
    'too long',
  ],
  [
    'a thousand fields',
    {
      ...base,
      action: {
        kind: 'submit',
        action: 'w.params',
        value: 'x',
        values: Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`f${i}`, 'v'])),
      },
    },
    'too many fields',
  ],
  [
    'invalid UTF-8 in the command',
    { ...base, action: { kind: 'command', text: 'run hello \uD800' } },
    'not valid UTF-8',
  ],
  ['a numeric channel', { ...base, place: { channelId: 42 } }, 'channelId is not text'],
];

describe('malformed interactions', () => {
  it('are ignored with a warning when the sender is unknown, never acted on', async () => {
    t = await accessApp();
    const { conversation, logs } = withLog(t);
    const out = new Recorder();
    for (const [, payload] of IGNORED) await conversation.handle(payload as Interaction, out);
    expect(out.shown).toHaveLength(0);
    const warned = (await logs()).filter((m) => m === 'malformed interaction ignored');
    expect(warned).toHaveLength(IGNORED.length);
    expect(Object.values(await counts()).every((n) => n === 0)).toBe(true);
  });

  it.each(ANSWERED)(
    '%s: answered to the sender alone, nothing half-written',
    async (_, payload, why) => {
      t = await accessApp();
      const { conversation, logs } = withLog(t);
      const out = new Recorder();
      await conversation.handle(payload as Interaction, out);
      expect(out.shown).toHaveLength(1);
      expect(out.last()).toMatchObject({ title: 'Could not read that', visibility: 'user' });
      expect(out.last().sections[0]?.text).toContain(why);
      expect(await logs()).toContain('malformed interaction ignored');
      expect(Object.values(await counts()).every((n) => n === 0)).toBe(true);
    },
  );

  it('unknown or hostile action ids are answered or ignored, never a crash', async () => {
    t = await accessApp();
    const { conversation, logs } = withLog(t);
    const out = new Recorder();
    await conversation.handle(cmd(''), out);
    const session = out.last().choices?.value ?? '';
    const presses: Array<[string, string]> = [
      ['zzz.top', '1'],
      ['w.zzz', session],
      ['w.page', `${session}:NaN`],
      ['sched.constructor', '1'],
      ['sched.__proto__', '1'],
      ['run.__proto__', '1'],
      ['run.again', '-1'],
      ['appr.yes', 'nope'],
      ['fav.pin', 'no_such_item'],
      ['list.page', 'abc'],
      ['item.toString', 'hello'],
    ];
    for (const [action, value] of presses)
      await conversation.handle(by({}, { kind: 'button', action, value }), out);
    await conversation.handle(
      by({}, { kind: 'select', action: 'w.item', value: session, values: [] }),
      out,
    );
    const titles = out.shown.map((s) => s.screen.title);
    expect(titles).toContain('Unknown action');
    expect(titles).toContain('No schedule #1');
    expect(titles).toContain('No run 1');
    expect(titles).toContain('Nothing to decide');
    expect(titles).toContain('Unknown job "no_such_item"');
    expect(titles.filter((title) => title === 'That did not work')).toEqual([]);
    expect(await logs()).toEqual(
      expect.arrayContaining(['unknown action ignored', 'unknown wizard action ignored']),
    );
    expect((await counts()).runs).toBe(0);
  });
});

describe('wizards and interactions that are not yours, expired, or replayed', () => {
  it("another user cannot drive someone's wizard, confirmation or request", async () => {
    t = await accessApp();
    const out = new Recorder();
    await t.conversation.handle(cmd(''), out);
    await t.conversation.handle(chooseOn(out.last(), 'echo_words'), out);
    const form = out.last();
    await t.conversation.handle(submitOn(form, { words: 'hijack' }, { user: 'U2' }), out);
    expect(out.last().title).toBe('Not your wizard');
    const row = await t.app.store.db
      .selectFrom('wizard_sessions')
      .selectAll()
      .executeTakeFirstOrThrow();
    expect(row.data).not.toContain('hijack');

    await t.conversation.handle(cmd('run reboot_box local'), out);
    const request = out.last();
    const id = request.buttons[0]?.value ?? '';
    await t.conversation.handle(
      by({ user: 'U1' }, { kind: 'button', action: 'w.cancel', value: id }),
      out,
    );
    expect(out.last().title).toBe('Wizard ended');
    await t.conversation.handle(
      by({ user: 'U1' }, { kind: 'button', action: 'run.confirm', value: id }),
      out,
    );
    expect(out.last().title).toBe('Nothing to confirm');
    await t.conversation.handle(pressOn(request, 'Approve', { user: 'U3' }), out);
    expect(out.last().title).toBe('Reboot box on local succeeded');
  });

  it('an expired wizard says so and offers to start again', async () => {
    t = await accessApp();
    const out = new Recorder();
    await t.conversation.handle(cmd(''), out);
    await t.conversation.handle(chooseOn(out.last(), 'echo_words'), out);
    await t.app.store.db
      .updateTable('wizard_sessions')
      .set({ expires_at: Date.now() - 1 })
      .execute();
    await t.conversation.handle(submitOn(out.last(), { words: 'late' }), out);
    expect(out.last().title).toBe('Wizard ended');
    expect(out.last().sections[0]?.text).toContain('expired');
    expect(out.last().buttons.map((b) => b.label)).toEqual(['Start again']);
    expect((await counts()).runs).toBe(0);
  });

  it('a replayed interaction acts once: a run, a schedule, an approval', async () => {
    t = await accessApp({ ...ACCESS, rate_limit: 0 });
    const out = new Recorder();
    const run = cmd('run echo_words local words=once');
    await t.conversation.handle(run, out);
    await t.conversation.handle(run, out);
    expect((await counts()).runs).toBe(1);

    await t.conversation.handle(cmd(''), out);
    await t.conversation.handle(chooseOn(out.last(), 'hello', { user: 'UADMIN' }), out);
    expect(out.last().title).toBe('Not your wizard');
    await t.conversation.handle(cmd('', { user: 'UADMIN' }), out);
    await t.conversation.handle(chooseOn(out.last(), 'hello', { user: 'UADMIN' }), out);
    await t.conversation.handle(
      submitOn(out.last(), { servers: ['local'] }, { user: 'UADMIN' }),
      out,
    );
    await t.conversation.handle(submitOn(out.last(), { when: 'daily' }, { user: 'UADMIN' }), out);
    const create = submitOn(out.last(), {}, { user: 'UADMIN' });
    await t.conversation.handle(create, out);
    await t.conversation.handle(create, out);
    expect((await counts()).schedules).toBe(1);

    await t.conversation.handle(cmd('run reboot_box local'), out);
    const approve = pressOn(out.last(), 'Approve', { user: 'U3' });
    const shown = out.shown.length;
    await t.conversation.handle(approve, out);
    await t.conversation.handle(approve, out);
    expect((await counts()).runs).toBe(2);
    expect(out.shown.slice(shown).map((s) => s.screen.title)).not.toContain('Nothing to decide');
  });
});
