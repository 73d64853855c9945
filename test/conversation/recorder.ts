/** A Responder that records every screen, as a platform would show it, for assertions. */
import type { Action, Interaction } from '../../src/conversation/interaction.js';
import type { Responder, ShownRef } from '../../src/conversation/responder.js';
import type { Screen } from '../../src/conversation/screen.js';

export interface Shown {
  ref: ShownRef;
  screen: Screen;
  updates: Screen[];
}

export class Recorder implements Responder {
  readonly shown: Shown[] = [];
  #n = 0;

  async show(screen: Screen): Promise<ShownRef> {
    const ref: ShownRef = {
      platform: 'test',
      id: String(++this.#n),
      thread: { channelId: 'C1', threadId: `T${this.#n}` },
    };
    this.shown.push({ ref, screen, updates: [] });
    return ref;
  }

  async update(ref: ShownRef, screen: Screen): Promise<void> {
    const entry = this.shown.find((s) => s.ref.id === ref.id);
    if (!entry) throw new Error(`update of unknown message ${ref.id}`);
    entry.updates.push(screen);
  }

  /** The newest version of the last screen shown. */
  last(): Screen {
    const entry = this.shown.at(-1);
    if (!entry) throw new Error('nothing shown yet');
    return entry.updates.at(-1) ?? entry.screen;
  }

  titles(): string[] {
    return this.shown.map((s) => (s.updates.at(-1) ?? s.screen).title);
  }
}

let seq = 0;

export function interaction(
  action: Action,
  user = 'U1',
  platform: 'slack' | 'console' = 'slack',
): Interaction {
  return {
    id: `i-${++seq}`,
    actor: { platform, userId: user, displayName: user, roles: [] },
    place: { channelId: 'C1' },
    action,
  };
}

export const command = (text: string, user?: string) =>
  interaction({ kind: 'command', text }, user);

export function press(screen: Screen, label: string, user?: string): Interaction {
  const button = screen.buttons.find((b) => b.label === label);
  if (!button)
    throw new Error(
      `no button "${label}" on "${screen.title}": ${screen.buttons.map((b) => b.label).join(', ')}`,
    );
  return interaction({ kind: 'button', action: button.action, value: button.value }, user);
}

export function choose(screen: Screen, value: string, user?: string): Interaction {
  if (!screen.choices) throw new Error(`no choices on "${screen.title}"`);
  return interaction(
    { kind: 'select', action: screen.choices.action, value: screen.choices.value, values: [value] },
    user,
  );
}

export function submit(
  screen: Screen,
  values: Record<string, string | string[]>,
  user?: string,
): Interaction {
  if (!screen.form) throw new Error(`no form on "${screen.title}"`);
  const defaults = Object.fromEntries(
    screen.form.fields
      .filter((f) => f.value !== undefined)
      .map((f) => [f.name, f.value as string | string[]]),
  );
  return interaction(
    {
      kind: 'submit',
      action: screen.form.action,
      value: screen.form.value,
      values: { ...defaults, ...values },
    },
    user,
  );
}
