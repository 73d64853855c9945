/** Drives the real conversation through every screen it can show, at extreme sizes. */
import type { Interaction } from '../../../src/conversation/interaction.js';
import type { Screen } from '../../../src/conversation/screen.js';
import {
  choose,
  command,
  interaction,
  press,
  Recorder,
  submit,
} from '../../conversation/recorder.js';
import type { TestApp } from '../../support/app.js';
import { LONG } from './extreme.js';

const SERVER = (i: number) => `server-${String(i).padStart(3, '0')}-${'n'.repeat(50)}`;

function labelled(screen: Screen, start: string): string {
  const found = screen.buttons.find((b) => b.label.startsWith(start));
  if (!found) throw new Error(`no button "${start}…" on "${screen.title}"`);
  return found.label;
}

/** Every screen shown or updated while walking the wizard, the lists and the runs. */
export async function everyScreen(t: TestApp): Promise<Screen[]> {
  const out = new Recorder();
  const go = (i: Interaction) => t.conversation.handle(i, out);
  const select = (action: string, value: string) =>
    go(interaction({ kind: 'select', action, value: '', values: [value] }));

  await go(command(''));
  await go(press(out.last(), 'Next ▶'));
  await go(press(out.last(), labelled(out.last(), 'Difficulty')));
  await go(press(out.last(), 'Search…'));
  await go(submit(out.last(), { words: 'x'.repeat(LONG) }));
  await go(press(out.last(), 'Cancel'));

  await go(command('new'));
  await go(choose(out.last(), 'huge_form'));
  const configure = out.last();
  await go(submit(configure, { p01: 'many', p03: 'not an option', p00: '' }));
  await go(submit(configure, {}));
  const servers = out.last();
  await go(submit(servers, { servers: [] }));
  await go(submit(servers, { servers: [SERVER(0)] }));
  const when = out.last();
  await go(submit(when, { when: 'cron', cron: 'x'.repeat(LONG), timezone: 'Mars/Base' }));
  await go(submit(when, { when: 'now' }));
  await go(submit(out.last(), {}));

  await go(command('new'));
  await go(choose(out.last(), 'filler_00'));
  await go(submit(out.last(), { servers: [SERVER(0), SERVER(1)] }));
  await go(submit(out.last(), { when: 'weekly', time: '03:00', weekday: 'mon', timezone: 'UTC' }));
  await go(submit(out.last(), { channels: [`channel-0-${'c'.repeat(50)}`] }));
  await go(press(out.last(), 'All schedules'));
  await select('sched.open', '1');
  await go(press(out.last(), 'Pause'));
  await go(press(out.last(), 'Delete'));

  await go(command(`run huge_output ${SERVER(1)}`));
  await go(command(`status 1`));
  await go(press(out.last(), 'Show full output'));
  await go(command(`history huge_output`));
  await go(command('history'));
  await go(command('cancel 1'));
  await go(command(`run danger_zone ${SERVER(3)}`));
  await go(press(out.last(), 'Yes, run it'));
  await go(press(out.last(), 'Run with changes'));
  await go(command(`run huge_form ${SERVER(1)}`));
  await go(command(`run huge_form nowhere`));
  await go(command(`run nope`));
  await go(command(`run "unclosed`));

  await go(command('list'));
  await go(press(out.last(), 'Next ▶'));
  await go(command(`list ${'words '.repeat(600)}`));
  await go(command('list extreme'));
  await select('item.open', 'huge_form');
  await go(press(out.last(), '⭐ Star'));
  await go(command('favorites'));
  await go(command('schedules'));
  await go(command('servers'));
  await go(command(`servers probe ${SERVER(5)}`));
  await go(command('servers probe'));
  await go(command('help'));
  await go(command('frobnicate'));
  return out.shown.flatMap((s) => [s.screen, ...s.updates]);
}
