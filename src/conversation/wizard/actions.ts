/** Wizard buttons, selects and forms: `w.<verb>` with the session id first in the value. */
import type { Action } from '../interaction.js';
import { screen } from '../screen.js';
import type { Turn } from '../turn.js';
import type { WizardSessions, WizardState } from './sessions.js';
import type { Wizard } from './wizard.js';

function split(value: string): { id: string; arg: string } {
  const at = value.indexOf(':');
  return at < 0 ? { id: value, arg: '' } : { id: value.slice(0, at), arg: value.slice(at + 1) };
}

async function open(
  turn: Turn,
  sessions: WizardSessions,
  id: string,
): Promise<WizardState | undefined> {
  const loaded = await sessions.load(id, turn.actor);
  if (loaded.ok) return loaded.state;
  const text = {
    unknown: 'This wizard has ended or does not exist.',
    expired: 'This wizard expired (wizards last 24 hours).',
    not_owner: 'Only the person who started this wizard can use it. Start your own:',
  }[loaded.reason];
  await turn.show(
    screen(loaded.reason === 'not_owner' ? 'Not your wizard' : 'Wizard ended', {
      emoji: '⌛',
      sections: [{ text }],
      buttons: [{ label: 'Start again', action: 'w.new', value: '', style: 'primary' }],
      placement: loaded.reason === 'not_owner' ? 'new' : 'replace',
    }),
  );
  return undefined;
}

function firstValue(values: Record<string, string | string[]>, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v : v ? [v] : [];
}

export async function wizardAction(
  turn: Turn,
  wizard: Wizard,
  sessions: WizardSessions,
  action: Action,
): Promise<void> {
  if (action.kind === 'command') return;
  const verb = action.action.slice(2);
  if (verb === 'new' || verb === 'start') {
    const state = await sessions.create(
      turn.actor,
      turn.interaction.actor.platform,
      turn.interaction.place.channelId,
      {},
    );
    if (verb === 'start' && action.value) return wizard.chooseItem(turn, state, action.value);
    return wizard.show(turn, state);
  }
  const { id, arg } = split(action.value);
  const state = await open(turn, sessions, id);
  if (!state) return;
  state.data.filter ??= {};
  const filter = state.data.filter;
  switch (verb) {
    case 'cancel':
      await wizard.end(state.id);
      return void (await turn.show(
        screen('Cancelled', { sections: [{ text: 'Nothing was run or saved.' }] }),
      ));
    case 'back':
      return wizard.back(turn, state);
    case 'cat':
      Object.assign(filter, { category: arg || undefined, page: 0 });
      return wizard.go(turn, state, 'select');
    case 'diff':
      Object.assign(filter, { difficulty: arg === 'any' ? undefined : arg, page: 0 });
      return wizard.go(turn, state, 'select');
    case 'page':
      filter.page = Number(arg) || 0;
      return wizard.go(turn, state, 'select');
    case 'search':
      if (action.kind === 'submit') {
        Object.assign(filter, {
          words: firstValue(action.values, 'words')[0] || undefined,
          page: 0,
        });
        return wizard.go(turn, state, 'select');
      }
      return void (await turn.show(
        screen('Search jobs', {
          form: {
            action: 'w.search',
            value: state.id,
            title: 'Search jobs',
            submitLabel: 'Search',
            fields: [
              {
                name: 'words',
                label: 'Words',
                type: 'string',
                required: false,
                value: filter.words,
                placeholder: 'disk, docker logs, backup…',
              },
            ],
          },
        }),
      ));
    case 'item':
      return wizard.chooseItem(
        turn,
        state,
        action.kind === 'select' ? (action.values[0] ?? '') : arg,
      );
    case 'params':
      return action.kind === 'submit'
        ? wizard.submitParams(turn, state, action.values)
        : wizard.go(turn, state, 'configure');
    case 'servers':
      return action.kind === 'submit' || action.kind === 'select'
        ? wizard.submitServers(
            turn,
            state,
            action.kind === 'submit' ? firstValue(action.values, 'servers') : action.values,
          )
        : wizard.go(turn, state, 'server');
    case 'when':
      return action.kind === 'submit'
        ? wizard.submitSchedule(turn, state, action.values)
        : wizard.go(turn, state, 'schedule');
    case 'notify':
      return action.kind === 'submit'
        ? wizard.submitNotify(turn, state, action.values)
        : wizard.go(turn, state, 'notify');
    default:
      turn.deps.logger.warn({ action: action.action }, 'unknown wizard action ignored');
  }
}
