import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Screen } from '../../src/conversation/screen.js';
import { command, interaction, press, Recorder, submit } from '../conversation/recorder.js';
import { sharedSshd } from '../setup/servers.js';
import { makeTestApp, type TestApp } from '../support/app.js';

const CATALOG = `
categories:
  - { name: chat, display_name: Chat tests }
items:
  - { name: ok_step, display_name: OK step, category: chat, command: echo ok }
  - { name: fail_step, display_name: Fail step, category: chat, command: exit 3 }
  - name: fail_on_port
    display_name: Fail on one port
    category: chat
    command: '[ "\${SSH_CONNECTION##* }" = {{port}} ] && exit 7; echo fine'
    parameters: [{ name: port, type: number, required: true }]
`;

const WORKFLOWS = `
workflows:
  - name: deploy
    display_name: Deploy
    steps:
      - { name: build, item: ok_step, servers: [local], on_success: test }
      - { name: test, item: fail_step, servers: [local], on_success: release, on_failure: rollback }
      - { name: release, item: ok_step, servers: [local] }
      - { name: rollback, item: ok_step, servers: [local, box] }
`;

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

async function chatApp(extra = true, config: Record<string, unknown> = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'jobdeck-chat-'));
  writeFileSync(join(dir, 'chat.yaml'), CATALOG);
  mkdirSync(join(dir, 'workflows'));
  writeFileSync(join(dir, 'workflows', 'deploy.yaml'), WORKFLOWS);
  t = await makeTestApp({ config: { ...(extra ? { catalog_dirs: [dir] } : {}), ...config } });
  return t;
}

async function say(out: Recorder, text: string, user?: string): Promise<Screen> {
  await t?.conversation.handle(command(text, user), out);
  return out.last();
}

async function act(out: Recorder, what: ReturnType<typeof interaction>): Promise<Screen> {
  await t?.conversation.handle(what, out);
  return out.last();
}

const text = (screen: Screen) => screen.sections.map((s) => s.text).join('\n');
const errors = (screen: Screen) =>
  Object.fromEntries(
    (screen.form?.fields ?? []).filter((f) => f.error).map((f) => [f.name, f.error]),
  );

describe('modes', () => {
  it('basic hides intermediate and advanced jobs; advanced shows them, raw commands', async () => {
    await chatApp(false);
    const out = new Recorder();
    expect(text(await say(out, 'list backup'))).not.toContain('rsync_folder');
    const step1 = await say(out, 'new');
    expect(step1.choices?.choices.map((c) => c.value)).not.toContain('reboot_server');

    const mode = await say(out, 'mode');
    expect(mode.title).toBe('You are in basic mode');
    expect((await act(out, press(mode, 'Switch to advanced mode'))).title).toBe('Advanced mode on');
    expect(text(await say(out, 'list backup'))).toContain('`rsync_folder` (intermediate)');
    const wizard = await say(out, 'new');
    expect(wizard.choices?.choices.map((c) => c.value)).toContain('reboot_server');
    await t?.conversation.handle(
      interaction({ kind: 'select', action: 'item.open', value: '', values: ['disk_usage'] }),
      out,
    );
    const page = out.last();
    expect(page.sections.some((s) => s.code && s.text.startsWith('df'))).toBe(true);
    expect(page.buttons.map((b) => b.label)).toContain('Copy');

    expect((await say(out, 'mode basic')).title).toBe('Basic mode on');
    expect(text(await say(out, 'list backup'))).not.toContain('rsync_folder');
    expect((await say(out, 'mode expert')).sections[0]?.text).toContain('"expert" is not a mode');
  });
});

describe('user items from chat', () => {
  it('refuses an invalid item with field errors, then saves one that runs at once', async () => {
    await chatApp(false);
    const out = new Recorder();
    expect((await say(out, 'item new')).title).toBe('Editing items is part of advanced mode');
    await say(out, 'mode advanced');
    const form = await say(out, 'item new');
    expect(form.form?.fields.map((f) => f.name)).toEqual([
      'name',
      'display_name',
      'category',
      'command',
      'parameters',
      'required_capabilities',
      'timeout',
    ]);

    const first = await act(
      out,
      submit(form, {
        name: 'Say Hi',
        display_name: 'Say hi',
        category: 'system',
        command: 'echo {{who}}',
        parameters: '- { name: who, type: text }',
        timeout: 'soon',
      }),
    );
    expect(first.title).toBe('New catalog item');
    expect(errors(first)).toEqual({
      name: 'expected lower-case letters, digits and _ (max 64), got "Say Hi"',
      parameters: expect.stringMatching(
        /^parameters\[0\]\.type: expected one of "string", .*got "text"$/,
      ),
      timeout: 'expected number, got "soon"',
    });

    const second = await act(
      out,
      submit(first, {
        name: 'say_hi',
        category: 'sytem',
        command: 'echo {{whom}}',
        parameters: '- { name: who, type: string, required: true }',
        timeout: '20',
      }),
    );
    expect(errors(second)).toEqual({
      category: 'unknown category sytem; did you mean system?',
      command: 'unknown variable whom; did you mean who? (a command can use only its parameters)',
    });
    const yaml = await act(out, submit(second, { parameters: '- { name: [' }));
    expect(errors(yaml).parameters).toMatch(/^not valid YAML/);

    const saved = await act(
      out,
      submit(yaml, {
        category: 'system',
        command: 'echo hi {{who}}',
        parameters: '- { name: who, type: string, required: true }',
      }),
    );
    expect(saved.title).toBe('Created Say hi');
    const ran = await say(out, 'run say_hi local who=there');
    expect(ran.title).toBe('Say hi on local succeeded');
    expect(ran.sections.at(-1)?.text).toBe('hi there\n');

    const editor = await act(out, press(saved, 'Edit'));
    expect(editor.form?.fields.find((f) => f.name === 'timeout')?.value).toBe('20');
    const renamed = await act(out, submit(editor, { name: 'say_bye' }));
    expect(errors(renamed).name).toContain('the name cannot change');
    const changed = await act(
      out,
      submit(renamed, { name: 'say_hi', command: 'echo bye {{who}}' }),
    );
    expect(changed.title).toBe('Saved Say hi');
    expect((await say(out, 'run say_hi local who=x')).sections.at(-1)?.text).toBe('bye x\n');
  });

  it('copies a shipped item instead of editing it, for users who may edit items', async () => {
    const access = {
      roles: { ops: { items: '*', servers: '*' } },
      grants: { ops: { slack_users: ['*'] }, admin: { slack_users: ['U1'] } },
      approval: { difficulties: [] },
      rate_limit: 0,
    };
    await chatApp(false, { access });
    const out = new Recorder();
    await say(out, 'mode advanced', 'U2');
    expect((await say(out, 'item new', 'U2')).title).toBe('You may not edit catalog items');

    await say(out, 'mode advanced');
    const refused = await say(out, 'item edit disk_usage');
    expect(refused.title).toBe('Cannot edit Disk usage');
    const copy = await act(out, press(refused, 'Copy it'));
    expect(copy.form?.fields.find((f) => f.name === 'name')?.value).toBe('disk_usage_copy');
    expect((await act(out, submit(copy, {}))).title).toBe('Created Disk usage (copy)');
    const row = await t?.app.store.db
      .selectFrom('catalog_items')
      .select(['source', 'system', 'description'])
      .where('name', '=', 'disk_usage_copy')
      .executeTakeFirst();
    const original = t?.app.catalog.get('disk_usage');
    expect(row).toEqual({ source: 'chat', system: 0, description: original?.description });
    expect(t?.app.catalog.get('disk_usage_copy')?.parameters).toEqual(original?.parameters);
  });
});

describe('multi-server runs and workflows in chat', () => {
  it('shows one message with a line per server, and reruns only the failed servers', async () => {
    await chatApp();
    const out = new Recorder();
    const choice = await say(out, `run fail_on_port port=${sharedSshd().port}`);
    const result = await act(out, submit(choice, { servers: ['local', 'box'] }));
    expect(result.title).toBe('Fail on one port on 2 servers: failure');
    const lines = result.sections[0]?.text.split('\n') ?? [];
    expect(lines[0]).toMatch(/^✅ local · #\d+/);
    expect(lines[1]).toMatch(/^❌ box · #\d+ · failure, exit 7/);
    expect(result.fields[0]).toEqual({ label: 'Succeeded', value: '1 of 2 (2 needed)' });

    const shownBefore = out.shown.length;
    const again = await act(out, press(result, 'Run again on failed servers'));
    expect(out.shown.length).toBe(shownBefore + 1);
    expect(again.title).toBe('Fail on one port on 1 server: failure');
    expect(again.sections[0]?.text).toMatch(/^❌ box · #\d+/);
  });

  it('runs a workflow in one message with a line per step', async () => {
    await chatApp();
    const out = new Recorder();
    expect((await say(out, 'workflow run deploy')).title).toBe(
      'Running workflows is part of advanced mode',
    );
    await say(out, 'mode advanced');
    const list = await say(out, 'workflow');
    expect(list.choices?.choices.map((c) => c.value)).toEqual(['deploy']);
    const before = out.shown.length;
    const final = await act(
      out,
      interaction({ kind: 'select', action: 'wf.run', value: '', values: ['deploy'] }),
    );
    expect(out.shown.length).toBe(before + 1);
    expect(out.shown.at(-1)?.screen.title).toBe('Workflow Deploy running');
    expect(final.title).toBe('Workflow Deploy failed');
    expect(final.sections[0]?.text.split('\n')).toEqual([
      '✅ build: ok_step on local (1 of 1)',
      '❌ test: fail_step on local (0 of 1; exit 3 on local)',
      '▫️ release: not run',
      '✅ rollback: ok_step on local, box (2 of 2)',
    ]);
    expect(final.buttons.map((b) => b.label)).toEqual(['Run again']);
  });
});
