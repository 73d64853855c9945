/** A jobdeck with access rules, a test catalog, two local servers, interactions by anyone. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Action, Interaction, Platform } from '../../src/conversation/interaction.js';
import type { Screen } from '../../src/conversation/screen.js';
import { makeTestApp, type TestApp } from '../support/app.js';

export function catalogYaml(workDir: string): string {
  return `
categories:
  - { name: test, display_name: Test, description: Test jobs }
  - { name: other, display_name: Other, description: Other jobs }
items:
  - name: echo_words
    display_name: Echo words
    category: test
    working_directory: ${JSON.stringify(workDir)}
    command: "printf '%s|' {{words}}"
    parameters:
      - { name: words, type: string, required: true }
  - name: hello
    display_name: Hello
    category: other
    command: "echo hello"
  - name: sleepy
    display_name: Sleep a while
    category: test
    command: "echo started; sleep 30"
  - name: reboot_box
    display_name: Reboot box
    category: test
    difficulty: advanced
    command: "echo rebooting"
  - name: secret_reboot
    display_name: Reboot with a key
    category: test
    difficulty: advanced
    command: "printf 'using %s\\\\n' {{token}}"
    parameters:
      - { name: token, type: secret, required: true }
  - name: show_token
    display_name: Show a token
    category: test
    command: "printf 'token=%s\\\\n' {{token}}; printf '%s' {{token}} >&2"
    parameters:
      - { name: token, type: secret, required: true }
`;
}

/** Roles for most access tests: operators, an approver, a viewer, an admin, a channel rule. */
export const ACCESS = {
  admins: ['slack:UADMIN'],
  roles: {
    operator: {
      items: { categories: ['test'] },
      servers: { labels: ['this machine'] },
      schedule: true,
    },
    approver: { approve: true },
    viewer: { items: { names: ['hello'] }, servers: { names: ['local'] } },
  },
  grants: {
    operator: { slack_users: ['U1', 'U2'], slack_groups: ['SOPS'] },
    approver: { slack_users: ['U3'], discord_roles: ['R1'] },
    viewer: { discord_users: ['D1'] },
  },
  channels: [{ channel: 'slack:CSAFE', items: { difficulties: ['basic'] } }],
  approval: { expires_after: 600 },
  rate_limit: 0,
};

export interface AccessTestApp extends TestApp {
  workDir: string;
}

/** `'none'`: no access section at all (the safe default). */
export async function accessApp(rules: unknown = ACCESS): Promise<AccessTestApp> {
  const access = rules === 'none' ? undefined : rules;
  const dir = mkdtempSync(join(tmpdir(), 'jobdeck-access-'));
  const workDir = mkdtempSync(join(tmpdir(), 'jobdeck-work-'));
  writeFileSync(join(dir, 'test.yaml'), catalogYaml(workDir));
  const t = await makeTestApp({
    servers: [
      { name: 'local', transport: 'local', labels: ['this machine'] },
      { name: 'prod1', transport: 'local', labels: ['prod'] },
    ],
    config: { catalog_dirs: [dir], access },
  });
  return { ...t, workDir };
}

export interface Who {
  user?: string;
  platform?: Platform;
  roles?: string[];
  channel?: string;
  name?: string;
}

let seq = 0;

export function by(who: Who, action: Action): Interaction {
  const user = who.user ?? 'U1';
  return {
    id: `acc-${process.pid}-${++seq}`,
    actor: {
      platform: who.platform ?? 'slack',
      userId: user,
      displayName: who.name ?? user,
      roles: who.roles ?? [],
    },
    place: { channelId: who.channel ?? 'C1' },
    action,
  };
}

export const cmd = (text: string, who: Who = {}) => by(who, { kind: 'command', text });

export function pressOn(screen: Screen, label: string, who: Who = {}): Interaction {
  const button = screen.buttons.find((b) => b.label === label);
  if (!button)
    throw new Error(
      `no button "${label}" on "${screen.title}": ${screen.buttons.map((b) => b.label).join(', ')}`,
    );
  return by(who, { kind: 'button', action: button.action, value: button.value });
}

export function submitOn(
  screen: Screen,
  values: Record<string, string | string[]>,
  who: Who = {},
): Interaction {
  if (!screen.form) throw new Error(`no form on "${screen.title}"`);
  const defaults = Object.fromEntries(
    screen.form.fields
      .filter((f) => f.value !== undefined)
      .map((f) => [f.name, f.value as string | string[]]),
  );
  const form = screen.form;
  return by(who, {
    kind: 'submit',
    action: form.action,
    value: form.value,
    values: { ...defaults, ...values },
  });
}

export function chooseOn(screen: Screen, value: string, who: Who = {}): Interaction {
  if (!screen.choices) throw new Error(`no choices on "${screen.title}"`);
  const { action, value: at } = screen.choices;
  return by(who, { kind: 'select', action, value: at, values: [value] });
}

export function textOf(screen: Screen): string {
  return [screen.title, ...screen.sections.map((s) => s.text), screen.footer ?? ''].join('\n');
}
