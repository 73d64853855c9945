/**
 * Every kind of Screen the conversation produces, driven with extreme inputs: 100 servers, a
 * 50-parameter form with 3,000-character values, 100 KB of output, failing forms, schedules.
 */
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

const LONG = 'y'.repeat(3000);

export function manyServers(count: number): Record<string, unknown>[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `server-${String(i).padStart(3, '0')}-${'n'.repeat(40)}`,
    transport: 'local',
    labels: [`label ${'l'.repeat(100)}`],
    capabilities: [`cap-${i}`, 'docker', 'systemd'],
  }));
}

function hugeValues(screen: Screen): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const field of screen.form?.fields ?? []) {
    if (field.type === 'number') values[field.name] = '999999';
    else if (field.type === 'string' || field.type === 'secret') values[field.name] = LONG;
    else if (field.type === 'multiselect') values[field.name] = [LONG];
    else values[field.name] = LONG.slice(0, 200);
  }
  return values;
}

/** Values that pass: the first option, yes, 5, a secret; strings stay 3,000 characters long. */
function validValues(screen: Screen): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  for (const field of screen.form?.fields ?? []) {
    const first = field.options?.[0]?.value ?? '';
    if (field.type === 'number') values[field.name] = '5';
    else if (field.type === 'secret') values[field.name] = 's3cret';
    else if (field.type === 'multiselect') values[field.name] = [first];
    else if (field.type === 'select') values[field.name] = first;
    else if (field.type === 'boolean') values[field.name] = 'true';
  }
  return values;
}

/** Drives the conversation through every screen kind; answers them all, updates included. */
export async function everyScreen(t: TestApp): Promise<Screen[]> {
  const out = new Recorder();
  const say = (text: string) => t.conversation.handle(command(text), out);
  const act = (i: Parameters<typeof t.conversation.handle>[0]) => t.conversation.handle(i, out);

  for (const text of ['help', 'nonsense', 'run "open', 'list docker', 'list zzz', 'list']) {
    await say(text);
  }
  if (out.last().buttons.some((b) => b.label === 'Next ▶')) await act(press(out.last(), 'Next ▶'));
  await say('list dtest');
  await act(choose(out.last(), 'huge_form'));
  await act(press(out.last(), '⭐ Star'));
  await say('favorites');
  await say('run nope');
  await say('run disk_usage a b');
  await say('run disk_usage nowhere');

  await say('new');
  await act(press(out.last(), 'Search…'));
  await act(submit(out.last(), { words: LONG }));
  await act(press(out.last(), 'All'));
  await act(press(out.last(), 'Difficulty: any'));
  await act(press(out.last(), 'All'));
  await act(choose(out.last(), 'huge_form'));
  await act(submit(out.last(), hugeValues(out.last())));
  await act(submit(out.last(), {}));
  const form = out.last();
  await act(submit(form, validValues(form)));
  await act(submit(out.last(), { servers: [] }));
  // The conversation takes at most 100 values in one field.
  const servers =
    out
      .last()
      .form?.fields[0]?.options?.map((o) => o.value)
      .slice(0, 100) ?? [];
  await act(submit(out.last(), { servers }));
  await act(submit(out.last(), { when: 'cron', cron: 'not a cron', timezone: 'Mars/Base' }));
  await act(submit(out.last(), { when: 'weekly', time: '05:00', timezone: 'UTC' }));
  await act(press(out.last(), 'Back'));
  await act(submit(out.last(), { servers: ['local'] }));
  await act(submit(out.last(), { when: 'now', timezone: 'UTC' }));
  await act(submit(out.last(), { on_success: 'true' }));

  await say('new');
  await act(press(out.last(), 'Discord tests'));
  await act(choose(out.last(), 'long_output'));
  await act(submit(out.last(), {}));
  await act(submit(out.last(), { servers: ['local'] }));
  await act(submit(out.last(), { when: 'weekly', time: '05:00', timezone: 'UTC' }));
  await act(submit(out.last(), { on_success: 'true' }));
  await act(press(out.last(), 'All schedules'));
  await act(choose(out.last(), out.last().choices?.choices[0]?.value ?? ''));
  await act(press(out.last(), 'Pause'));

  await say('run long_output local');
  await say('run danger_zone local');
  await act(press(out.last(), 'Yes, run it'));
  await say('history');
  await say('history long_output');
  await say('status 1');
  await say('cancel 1');
  await say('status 999');
  const result = out.shown.find((s) => s.screen.title.includes('Long output'));
  const final = result?.updates.at(-1);
  if (final) {
    await act(press(final, 'Run with changes'));
    await act(press(final, 'Schedule this'));
    await act(interaction({ kind: 'button', action: 'run.output', value: '1' }));
  }
  await say('servers');
  await say('servers probe server-001');
  await say('servers probe nowhere');
  await act(interaction({ kind: 'button', action: 'w.back', value: 'zzzzzzzz' }));
  await act(interaction({ kind: 'button', action: 'what.ever', value: LONG.slice(0, 80) }));
  return out.shown.flatMap((s) => [s.screen, ...s.updates]);
}
